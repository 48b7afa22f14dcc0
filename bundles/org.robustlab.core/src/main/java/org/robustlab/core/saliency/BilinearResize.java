package org.robustlab.core.saliency;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bilinear resampling of maps with half-pixel centres: output pixel {@code i} samples the input at {@code (i +
 * 0.5) * in / out - 0.5}, clamped to the edge pixels. This is the convention of PyTorch's {@code
 * interpolate(mode="bilinear", align_corners=False)} and of OpenCV's {@code resize}; without it a class-activation
 * map shifts by half a feature cell. Heights and widths are never swapped: {@code height} counts rows.
 */
public final class BilinearResize {

    private BilinearResize() {}

    /**
     * Returns the maps resized to {@code height} rows and {@code width} columns, as a new float32 array.
     *
     * @param maps [N, h, w]
     */
    public static INDArray resize(INDArray maps, int height, int width) {
        if (maps.rank() != 3) {
            throw new IllegalArgumentException("Maps must be [N, H, W], got shape " + Arrays.toString(maps.shape()));
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Target size must be positive, got " + height + " x " + width);
        }
        int count = (int) maps.size(0);
        int inHeight = (int) maps.size(1);
        int inWidth = (int) maps.size(2);
        float[] in = maps.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[count * height * width];
        Axis rows = new Axis(inHeight, height);
        Axis columns = new Axis(inWidth, width);
        for (int n = 0; n < count; n++) {
            int inOffset = n * inHeight * inWidth;
            int outOffset = n * height * width;
            for (int y = 0; y < height; y++) {
                int top = inOffset + rows.low[y] * inWidth;
                int bottom = inOffset + rows.high[y] * inWidth;
                double wy = rows.weight[y];
                for (int x = 0; x < width; x++) {
                    double wx = columns.weight[x];
                    double upper = (1 - wx) * in[top + columns.low[x]] + wx * in[top + columns.high[x]];
                    double lower = (1 - wx) * in[bottom + columns.low[x]] + wx * in[bottom + columns.high[x]];
                    out[outOffset + y * width + x] = (float) ((1 - wy) * upper + wy * lower);
                }
            }
        }
        return Nd4j.createFromArray(out).reshape('c', count, height, width);
    }

    /** Source indices and interpolation weights along one axis. */
    private static final class Axis {
        final int[] low;
        final int[] high;
        final double[] weight;

        Axis(int in, int out) {
            low = new int[out];
            high = new int[out];
            weight = new double[out];
            double scale = (double) in / out;
            for (int i = 0; i < out; i++) {
                double source = Math.max(0, (i + 0.5) * scale - 0.5);
                low[i] = Math.min((int) Math.floor(source), in - 1);
                high[i] = Math.min(low[i] + 1, in - 1);
                weight[i] = source - low[i];
            }
        }
    }
}
