package org.robustlab.saliency.gradient;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded arrays for tests of linear models. */
final class LinearModels {

    private LinearModels() {}

    /** Returns values uniform in [low, high) of the given shape, from {@link Random} with this seed. */
    static INDArray uniform(long seed, double low, double high, long... shape) {
        Random random = new Random(seed);
        int length = 1;
        for (long size : shape) {
            length *= (int) size;
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return Nd4j.createFromArray(values).reshape(shape).castTo(DataType.FLOAT);
    }
}
