package org.robustlab.models.resnet;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the torchvision ResNets.
 *
 * @param batchNormMomentum momentum of every batch-norm layer
 */
public record TorchvisionResNetParameters(
        @Parameter(
                description = "Batch-norm momentum in PyTorch's convention (running = (1 - m) * running + m *"
                        + " batch); PyTorch's default is 0.1, Han et al. (2021) used 0.01",
                min = 0,
                max = 1)
        double batchNormMomentum) {

    public TorchvisionResNetParameters {
        if (!(batchNormMomentum > 0 && batchNormMomentum <= 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in (0, 1], got " + batchNormMomentum);
        }
    }

    /** Returns PyTorch's default momentum of 0.1. */
    public static TorchvisionResNetParameters defaults() {
        return new TorchvisionResNetParameters(0.1);
    }
}
