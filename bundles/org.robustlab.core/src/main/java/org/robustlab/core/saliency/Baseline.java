package org.robustlab.core.saliency;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.parameter.Parameter;

/**
 * The reference input that stands for "no information": the starting point of Integrated Gradients, the fill of
 * occlusion windows, and the value that deletion and insertion curves put in place of removed pixels.
 *
 * @param kind how the baseline is derived from the image
 * @param value the fill value of {@link Kind#CONSTANT}, in input units
 * @param blurSigma the standard deviation of {@link Kind#BLUR}, in pixels
 */
public record Baseline(
        @Parameter(description = "How the baseline image is derived from the input image")
        Kind kind,

        @Parameter(description = "Fill value of a constant baseline", unit = "input units")
        double value,

        @Parameter(
                description = "Standard deviation of the Gaussian blur of a blurred baseline",
                unit = "pixels",
                min = 0)
        double blurSigma) {

    /** The rule that derives a baseline from an image. */
    public enum Kind {
        /** Every pixel is {@link Baseline#value()}, for example 0 for a black image in [0, 1]. */
        CONSTANT,
        /** Every pixel is the mean of its image and channel. */
        MEAN,
        /**
         * The image blurred with a Gaussian of {@link Baseline#blurSigma()} pixels per channel, edges
         * replicated, as in the insertion metric of Petsiuk et al. (BMVC 2018).
         */
        BLUR
    }

    /** A black image: the constant 0. */
    public static final Baseline ZERO = new Baseline(Kind.CONSTANT, 0, 0);

    public Baseline {
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        if (!(blurSigma >= 0) || Double.isInfinite(blurSigma) || (kind == Kind.BLUR && blurSigma == 0)) {
            throw new IllegalArgumentException(
                    "blurSigma must be finite and > 0 for a blur baseline, got " + blurSigma);
        }
    }

    /** Returns the constant baseline {@code value}. */
    public static Baseline constant(double value) {
        return new Baseline(Kind.CONSTANT, value, 0);
    }

    /** Returns the per-image, per-channel mean baseline. */
    public static Baseline mean() {
        return new Baseline(Kind.MEAN, 0, 0);
    }

    /** Returns the Gaussian-blur baseline with standard deviation {@code sigma} pixels. */
    public static Baseline blur(double sigma) {
        return new Baseline(Kind.BLUR, 0, sigma);
    }

    /**
     * Returns the baseline images for {@code images}, a new float32 array of their shape.
     *
     * @param images [N, C, H, W]
     */
    public INDArray create(INDArray images) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException(
                    "Images must be [N, C, H, W], got shape " + Arrays.toString(images.shape()));
        }
        if (kind == Kind.CONSTANT) {
            return Nd4j.valueArrayOf(images.shape(), (float) value);
        }
        int planes = (int) (images.size(0) * images.size(1));
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        double[] data = images.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int p = 0; p < planes; p++) {
            if (kind == Kind.MEAN) {
                fillMean(data, p * height * width, height * width);
            } else {
                GaussianBlur.blur(data, p * height * width, height, width, blurSigma);
            }
        }
        return Nd4j.createFromArray(data).reshape('c', images.shape()).castTo(DataType.FLOAT);
    }

    private static void fillMean(double[] data, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += data[i];
        }
        Arrays.fill(data, offset, offset + length, sum / length);
    }
}
