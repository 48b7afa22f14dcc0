package org.robustlab.data.lesion.internal;

import java.util.Arrays;

/**
 * Turns slices of a volume into square training images in [0, 1]: a window maps modality values linearly to
 * [0, 1] (CT: soft-tissue window, centre 40 HU, width 400 HU; MR: the volume's 0.5th to 99.5th percentile of
 * values above its 5th percentile), the slice is padded with 0 to a square, centred, and resized: by area
 * averaging when it shrinks (a box filter that weights each source pixel by its overlap with the target pixel),
 * by bilinear interpolation with half-pixel centres when it grows.
 */
public final class SlicePreparation {

    /** Intensity convention written to the dataset manifest. */
    public static final String INTENSITY = "CT: window centre 40 HU, width 400 HU; MR: 0.5th to 99.5th percentile"
            + " of the volume's values above its 5th percentile; mapped linearly to [0, 1] and clipped";

    /** Interpolation written to the dataset manifest. */
    public static final String INTERPOLATION = "zero padding to a centred square, then area averaging (box filter) when"
            + " shrinking, bilinear with half-pixel centres when enlarging";

    /** Display value below which a pixel counts as background (air) for the body mask. */
    public static final float BODY_THRESHOLD = 0.1f;

    private static final double CT_CENTRE = 40;

    private static final double CT_WIDTH = 400;

    private SlicePreparation() {}

    /** Returns the window {lower, upper} of a volume in modality values. */
    public static double[] window(Volume volume) {
        if (volume.modality().equals("CT")) {
            return new double[] {CT_CENTRE - CT_WIDTH / 2, CT_CENTRE + CT_WIDTH / 2};
        }
        float[] sorted = volume.values().clone();
        Arrays.sort(sorted);
        float floor = sorted[(int) (0.05 * (sorted.length - 1))];
        int first = 0;
        while (first < sorted.length - 1 && sorted[first] <= floor) {
            first++;
        }
        float[] tissue = Arrays.copyOfRange(sorted, first, sorted.length);
        double lower = tissue[(int) (0.005 * (tissue.length - 1))];
        double upper = tissue[(int) (0.995 * (tissue.length - 1))];
        return new double[] {lower, upper > lower ? upper : lower + 1};
    }

    /** Returns a slice windowed to [0, 1], padded to a square and resized to {@code size} x {@code size}. */
    public static float[] prepare(Volume volume, int slice, double[] window, int size) {
        float[] values = volume.slice(slice);
        for (int i = 0; i < values.length; i++) {
            double y = (values[i] - window[0]) / (window[1] - window[0]);
            values[i] = (float) Math.max(0, Math.min(1, y));
        }
        int side = Math.max(volume.height(), volume.width());
        float[] square = new float[side * side];
        int top = (side - volume.height()) / 2;
        int left = (side - volume.width()) / 2;
        for (int y = 0; y < volume.height(); y++) {
            System.arraycopy(values, y * volume.width(), square, (y + top) * side + left, volume.width());
        }
        return resizeArea(square, side, side, size, size);
    }

    /** Returns the fraction of pixels at or above the body threshold. */
    public static double bodyFraction(float[] image) {
        int body = 0;
        for (float value : image) {
            body += value >= BODY_THRESHOLD ? 1 : 0;
        }
        return body / (double) image.length;
    }

    /**
     * Resizes separably: when shrinking, each target pixel is the overlap-weighted mean of the source pixels it
     * covers; when enlarging, bilinear interpolation with half-pixel centres.
     */
    public static float[] resizeArea(float[] source, int height, int width, int targetHeight, int targetWidth) {
        double[][] rows = weights(height, targetHeight);
        double[][] columns = weights(width, targetWidth);
        float[] horizontal = new float[height * targetWidth];
        for (int y = 0; y < height; y++) {
            for (int tx = 0; tx < targetWidth; tx++) {
                horizontal[y * targetWidth + tx] = (float) apply(columns[tx], source, y * width, 1);
            }
        }
        float[] target = new float[targetHeight * targetWidth];
        for (int ty = 0; ty < targetHeight; ty++) {
            for (int tx = 0; tx < targetWidth; tx++) {
                target[ty * targetWidth + tx] = (float) apply(rows[ty], horizontal, tx, targetWidth);
            }
        }
        return target;
    }

    /** Returns, per target index, the pairs (source index, weight) as a flat array, weights summing to 1. */
    private static double[][] weights(int source, int target) {
        double scale = source / (double) target;
        double[][] weights = new double[target][];
        for (int t = 0; t < target; t++) {
            double start = t * scale;
            double end = Math.min(source, (t + 1) * scale);
            if (scale < 1) {
                double centre = (t + 0.5) * scale - 0.5;
                int low = (int) Math.max(0, Math.min(source - 1, Math.floor(centre)));
                int high = Math.min(source - 1, low + 1);
                double fraction = Math.max(0, Math.min(1, centre - low));
                weights[t] = new double[] {low, 1 - fraction, high, fraction};
                continue;
            }
            int first = (int) Math.floor(start);
            int last = (int) Math.ceil(end) - 1;
            double[] pairs = new double[2 * (last - first + 1)];
            for (int s = first; s <= last; s++) {
                double overlap = Math.min(end, s + 1) - Math.max(start, s);
                pairs[2 * (s - first)] = s;
                pairs[2 * (s - first) + 1] = overlap / (end - start);
            }
            weights[t] = pairs;
        }
        return weights;
    }

    private static double apply(double[] pairs, float[] values, int offset, int stride) {
        double sum = 0;
        for (int k = 0; k < pairs.length; k += 2) {
            sum += pairs[k + 1] * values[offset + (int) pairs[k] * stride];
        }
        return sum;
    }
}
