package org.robustlab.saliency.gradient;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The rule that turns a per-channel attribution [N, C, H, W] into one map per image [N, H, W]. */
public enum ChannelReduction {
    /**
     * The signed sum over channels. For a grey image copied into three channels this is exactly the attribution
     * of the grey image, and it keeps the completeness of Integrated Gradients.
     */
    SUM,
    /** The sum of absolute values over channels. */
    ABSOLUTE_SUM,
    /** The largest absolute value over channels, as in Simonyan et al. (ICLR Workshop 2014). */
    ABSOLUTE_MAXIMUM;

    /** Returns the reduced maps [N, H, W] of {@code attribution} [N, C, H, W] as a new array. */
    public INDArray reduce(INDArray attribution) {
        return switch (this) {
            case SUM -> attribution.sum(1);
            case ABSOLUTE_SUM -> Transforms.abs(attribution, true).sum(1);
            case ABSOLUTE_MAXIMUM -> Transforms.abs(attribution, true).max(1);
        };
    }
}
