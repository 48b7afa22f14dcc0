package org.robustlab.core.saliency;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.model.Branch;

/**
 * What a saliency map explains.
 *
 * @param classWeights [N, outputs]: a one-hot row explains one class; several non-zero weights explain a
 *     weighted set of labels, as Han et al. (2021) do with the label vector of a multi-label image
 * @param branch the batch-norm branch to explain through
 */
public record SaliencyTarget(INDArray classWeights, Branch branch) {

    public SaliencyTarget {
        Objects.requireNonNull(classWeights, "classWeights");
        Objects.requireNonNull(branch, "branch");
    }

    /** Returns a target that explains class {@code classIndex} for each of {@code batchSize} images. */
    public static SaliencyTarget ofClass(int batchSize, int outputs, int classIndex, Branch branch) {
        if (classIndex < 0 || classIndex >= outputs) {
            throw new IllegalArgumentException("classIndex must be in [0, " + outputs + "), got " + classIndex);
        }
        INDArray weights = Nd4j.zeros(batchSize, outputs);
        weights.getColumn(classIndex).assign(1);
        return new SaliencyTarget(weights, branch);
    }

    /**
     * Checks that this target fits a batch of images and a model with {@code outputs} logits.
     *
     * @param input the images [N, C, H, W]
     * @throws IllegalArgumentException naming the shapes when the input is not four-dimensional or the class
     *     weights are not [N, outputs]
     */
    public void validate(INDArray input, int outputs) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException(
                    "Input images must be [N, C, H, W], got shape " + java.util.Arrays.toString(input.shape()));
        }
        if (classWeights.rank() != 2 || classWeights.size(0) != input.size(0) || classWeights.size(1) != outputs) {
            throw new IllegalArgumentException("Class weights must be [" + input.size(0) + ", " + outputs
                    + "] for " + input.size(0) + " images and " + outputs + " outputs, got shape "
                    + java.util.Arrays.toString(classWeights.shape()));
        }
    }
}
