package org.robustlab.core.saliency;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.parameter.Parameter;

/**
 * Turns raw saliency maps into maps for display and comparison, each map on its own: optionally the absolute
 * value, then clipping to {@code mean +/- k} standard deviations of the map's own values, then min-max scaling to
 * [0, 1].
 *
 * <p>Every step is safe on constant maps: clipping a constant map leaves it unchanged, and min-max scaling maps a
 * map without contrast (maximum equal to minimum, an all-zero map included) to zeros instead of dividing by zero.
 * The input is never modified.
 *
 * @param absolute whether to take the absolute value first, so that positive and negative evidence both count
 *     as salient
 * @param clipStandardDeviations the clipping half-width {@code k} in standard deviations; 0 turns clipping off
 * @param minMaxScale whether to scale each map linearly so that its minimum is 0 and its maximum is 1
 */
public record SaliencyPostprocessing(
        @Parameter(description = "Take the absolute value of each map before the other steps")
        boolean absolute,

        @Parameter(
                description = "Clip each map to its mean plus or minus this many standard deviations; 0 turns"
                        + " clipping off",
                unit = "standard deviations",
                min = 0)
        double clipStandardDeviations,

        @Parameter(description = "Scale each map linearly to [0, 1]")
        boolean minMaxScale) {

    /** Leaves maps unchanged. */
    public static final SaliencyPostprocessing NONE = new SaliencyPostprocessing(false, 0, false);

    /**
     * Absolute value, clipping to mean +/- 3 standard deviations and min-max scaling. Han et al. (Nature
     * Communications 12, 4315, 2021) clip and scale each gradient map this way; the absolute value shows
     * gradient magnitude as in Simonyan et al. (ICLR Workshop 2014).
     */
    public static final SaliencyPostprocessing HAN_ET_AL = new SaliencyPostprocessing(true, 3, true);

    public SaliencyPostprocessing {
        if (!(clipStandardDeviations >= 0) || Double.isInfinite(clipStandardDeviations)) {
            throw new IllegalArgumentException(
                    "clipStandardDeviations must be finite and >= 0, got " + clipStandardDeviations);
        }
    }

    /**
     * Returns the processed maps as a new float32 array.
     *
     * @param maps [N, H, W]
     */
    public INDArray apply(INDArray maps) {
        if (maps.rank() != 3) {
            throw new IllegalArgumentException(
                    "Saliency maps must be [N, H, W], got shape " + java.util.Arrays.toString(maps.shape()));
        }
        int count = (int) maps.size(0);
        int plane = (int) (maps.size(1) * maps.size(2));
        double[] values = maps.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < count; i++) {
            processMap(values, i * plane, plane);
        }
        return Nd4j.createFromArray(values).reshape('c', maps.shape()).castTo(DataType.FLOAT);
    }

    private void processMap(double[] values, int offset, int length) {
        if (absolute) {
            for (int j = offset; j < offset + length; j++) {
                values[j] = Math.abs(values[j]);
            }
        }
        if (clipStandardDeviations > 0) {
            clip(values, offset, length, clipStandardDeviations);
        }
        if (minMaxScale) {
            scale(values, offset, length);
        }
    }

    private static void clip(double[] values, int offset, int length, double k) {
        double mean = 0;
        for (int j = offset; j < offset + length; j++) {
            mean += values[j];
        }
        mean /= length;
        double squares = 0;
        for (int j = offset; j < offset + length; j++) {
            squares += (values[j] - mean) * (values[j] - mean);
        }
        // Population standard deviation (divisor n), as numpy.std computes by default.
        double std = Math.sqrt(squares / length);
        double low = mean - k * std;
        double high = mean + k * std;
        for (int j = offset; j < offset + length; j++) {
            values[j] = Math.min(high, Math.max(low, values[j]));
        }
    }

    private static void scale(double[] values, int offset, int length) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = offset; j < offset + length; j++) {
            min = Math.min(min, values[j]);
            max = Math.max(max, values[j]);
        }
        double range = max - min;
        for (int j = offset; j < offset + length; j++) {
            values[j] = range > 0 ? (values[j] - min) / range : 0;
        }
    }
}
