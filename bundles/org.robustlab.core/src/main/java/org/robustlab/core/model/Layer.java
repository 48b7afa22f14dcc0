package org.robustlab.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One node of an engine-neutral network specification. Every node has a unique name and reads the outputs of
 * earlier nodes (or {@link NetworkSpec#INPUT}). Tensors are NCHW; parameter layouts follow PyTorch.
 */
public sealed interface Layer {

    /** Returns the node name, unique within its network. */
    String name();

    /** Returns the names of the nodes this node reads. */
    List<String> inputs();

    /**
     * 2-D convolution. Parameters: {@code <name>.weight} of shape [out, in, kernel, kernel] and, when
     * {@code bias} is set, {@code <name>.bias} of shape [out].
     */
    record Conv2d(
            String name,
            String input,
            int inChannels,
            int outChannels,
            int kernel,
            int stride,
            int padding,
            boolean bias)
            implements Layer {
        public Conv2d {
            Checks.name(name);
            Checks.positive(name, "inChannels", inChannels);
            Checks.positive(name, "outChannels", outChannels);
            Checks.positive(name, "kernel", kernel);
            Checks.positive(name, "stride", stride);
            Checks.nonNegative(name, "padding", padding);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Batch normalization over the channel axis, in PyTorch's convention: the running variance is updated with
     * the unbiased batch variance, {@code running = (1 - momentum) * running + momentum * batch}. Parameters and
     * buffers: {@code <name>.weight}, {@code <name>.bias}, {@code <name>.running_mean}, {@code
     * <name>.running_var}, each of shape [channels]; a dual-BN network adds the same four under
     * {@code <name>.adversarial.}.
     */
    record BatchNorm(String name, String input, int channels, double epsilon, double momentum) implements Layer {
        public BatchNorm {
            Checks.name(name);
            Checks.positive(name, "channels", channels);
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException(name + ": epsilon must be > 0, got " + epsilon);
            }
            if (!(momentum > 0 && momentum <= 1)) {
                throw new IllegalArgumentException(name + ": momentum must be in (0, 1], got " + momentum);
            }
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /** Rectified linear unit. */
    record Relu(String name, String input) implements Layer {
        public Relu {
            Checks.name(name);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /** Element-wise sum of two or more tensors of the same shape (a residual connection). */
    record Add(String name, List<String> inputs) implements Layer {
        public Add {
            Checks.name(name);
            inputs = List.copyOf(inputs);
            if (inputs.size() < 2) {
                throw new IllegalArgumentException(name + ": an Add needs at least two inputs, got " + inputs);
            }
        }
    }

    /** Max pooling with a square window; padding counts as minus infinity. */
    record MaxPool(String name, String input, int kernel, int stride, int padding) implements Layer {
        public MaxPool {
            Checks.name(name);
            Checks.positive(name, "kernel", kernel);
            Checks.positive(name, "stride", stride);
            Checks.nonNegative(name, "padding", padding);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /** Mean over the spatial axes: [N, C, H, W] to [N, C]. */
    record GlobalAveragePool(String name, String input) implements Layer {
        public GlobalAveragePool {
            Checks.name(name);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /**
     * Fully connected layer on [N, in]. Parameters: {@code <name>.weight} of shape [out, in] and, when
     * {@code bias} is set, {@code <name>.bias} of shape [out].
     */
    record Dense(String name, String input, int inFeatures, int outFeatures, boolean bias) implements Layer {
        public Dense {
            Checks.name(name);
            Checks.positive(name, "inFeatures", inFeatures);
            Checks.positive(name, "outFeatures", outFeatures);
        }

        @Override
        public List<String> inputs() {
            return List.of(input);
        }
    }

    /** Argument checks shared by the layer records. */
    final class Checks {
        private Checks() {}

        static void name(String name) {
            Objects.requireNonNull(name, "layer name");
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("Invalid layer name '" + name
                        + "': use letters, digits and underscores, starting with a letter");
            }
        }

        static void positive(String layer, String field, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(layer + ": " + field + " must be > 0, got " + value);
            }
        }

        static void nonNegative(String layer, String field, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(layer + ": " + field + " must be >= 0, got " + value);
            }
        }
    }
}
