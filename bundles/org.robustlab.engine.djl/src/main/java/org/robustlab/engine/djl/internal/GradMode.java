package org.robustlab.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's autograd switch for the current thread, set for one block and restored afterwards.
 *
 * <p>libtorch keeps grad mode per thread, and DJL turns it off only on the thread that created its engine, so every
 * pass here sets it explicitly. Backward runs through libtorch directly rather than DJL's {@code
 * GradientCollector}, which allows one collector per process at a time and would serialise all models.
 */
final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Records operations on tensors that require gradients until closed. */
    static GradMode enabled() {
        return new GradMode(true);
    }

    /** Records nothing until closed, so that parameters can be updated in place. */
    static GradMode disabled() {
        return new GradMode(false);
    }

    /** Adds the gradient of the scalar {@code target} to every leaf tensor that requires gradients. */
    static void backward(NDArray target) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
