package org.robustlab.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense double-precision tensor of shape [n, c, h, w] in row-major order. Feature vectors [n, f] are stored
 * with {@code c = f} and {@code h = w = 1} and flagged {@code flat}, so they convert back to two-dimensional
 * arrays.
 */
final class ReferenceTensor {

    final int n;

    final int c;

    final int h;

    final int w;

    final boolean flat;

    final double[] data;

    ReferenceTensor(int n, int c, int h, int w, boolean flat) {
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.flat = flat;
        this.data = new double[Math.multiplyExact(Math.multiplyExact(n, c), Math.multiplyExact(h, w))];
    }

    static ReferenceTensor image(int n, int c, int h, int w) {
        return new ReferenceTensor(n, c, h, w, false);
    }

    static ReferenceTensor features(int n, int f) {
        return new ReferenceTensor(n, f, 1, 1, true);
    }

    /** Copies a float array of shape [N, C, H, W] or [N, F]. */
    static ReferenceTensor of(INDArray array) {
        ReferenceTensor tensor;
        if (array.rank() == 4) {
            tensor = image((int) array.size(0), (int) array.size(1), (int) array.size(2), (int) array.size(3));
        } else if (array.rank() == 2) {
            tensor = features((int) array.size(0), (int) array.size(1));
        } else {
            throw new IllegalArgumentException(
                    "Expected an array of rank 2 or 4, got shape " + java.util.Arrays.toString(array.shape()));
        }
        double[] values = array.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        System.arraycopy(values, 0, tensor.data, 0, tensor.data.length);
        return tensor;
    }

    ReferenceTensor zerosLike() {
        return new ReferenceTensor(n, c, h, w, flat);
    }

    int perSample() {
        return c * h * w;
    }

    int index(int sample, int channel, int row, int column) {
        return ((sample * c + channel) * h + row) * w + column;
    }

    void addInPlace(ReferenceTensor other) {
        for (int i = 0; i < data.length; i++) {
            data[i] += other.data[i];
        }
    }

    /** Returns the tensor as float32, [n, c, h, w] or [n, c] when flat. */
    INDArray toFloatArray() {
        long[] shape = flat ? new long[] {n, c} : new long[] {n, c, h, w};
        return Nd4j.createFromArray(data).reshape('c', shape).castTo(DataType.FLOAT);
    }
}
