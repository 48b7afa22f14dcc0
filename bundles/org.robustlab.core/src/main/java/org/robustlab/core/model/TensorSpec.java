package org.robustlab.core.model;

import java.util.Arrays;

/**
 * Shape of a network parameter or buffer, and whether the optimizer updates it.
 *
 * @param shape the dimensions
 * @param trainable {@code true} for weights and biases, {@code false} for running statistics
 */
public record TensorSpec(long[] shape, boolean trainable) {

    public TensorSpec {
        shape = shape.clone();
    }

    static TensorSpec trainable(long... shape) {
        return new TensorSpec(shape, true);
    }

    static TensorSpec buffer(long... shape) {
        return new TensorSpec(shape, false);
    }

    /** Returns the number of elements. */
    public long length() {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec spec && spec.trainable == trainable && Arrays.equals(spec.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Boolean.hashCode(trainable);
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + (trainable ? "" : " (buffer)");
    }
}
