package org.robustlab.engine.djl.internal;

import java.util.HashMap;
import java.util.Map;

import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * Evaluates a {@link NetworkSpec} layer by layer with libtorch operations on the tensors of a {@link
 * ParameterStore}, with PyTorch's semantics for every layer.
 *
 * <p>Every result belongs to the manager of the input tensor, so a pass's memory is freed with its scope.
 */
final class NetworkRunner {

    private final NetworkSpec spec;

    private final ParameterStore parameters;

    NetworkRunner(NetworkSpec spec, ParameterStore parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    /** The result of a forward pass. */
    record Pass(NDArray logits, NDArray tapped) {}

    /**
     * Runs the network on {@code input}.
     *
     * @param branch the batch-norm branch
     * @param training {@code true} to normalise with batch statistics and update the branch's running statistics
     * @param tapLayer a layer whose output is replaced by a detached leaf that requires gradients, so that a
     *     backward pass yields the gradient with respect to that output; {@code null} for none
     */
    Pass run(NDArray input, Branch branch, boolean training, String tapLayer) {
        Map<String, NDArray> outputs = new HashMap<>();
        outputs.put(NetworkSpec.INPUT, input);
        NDArray tapped = null;
        for (Layer layer : spec.layers()) {
            NDArray output = evaluate(layer, outputs, branch, training);
            if (layer.name().equals(tapLayer)) {
                output = output.stopGradient();
                output.setRequiresGradient(true);
                tapped = output;
            }
            outputs.put(layer.name(), output);
        }
        return new Pass(outputs.get(spec.output()), tapped);
    }

    private NDArray evaluate(Layer layer, Map<String, NDArray> outputs, Branch branch, boolean training) {
        NDArray x = outputs.get(layer.inputs().get(0));
        if (layer instanceof Layer.Conv2d conv) {
            return convolution(conv, x);
        } else if (layer instanceof Layer.BatchNorm norm) {
            return batchNorm(norm, x, branch, training);
        } else if (layer instanceof Layer.Relu) {
            return Activation.relu(x);
        } else if (layer instanceof Layer.Add add) {
            NDArray sum = x;
            for (String name : add.inputs().subList(1, add.inputs().size())) {
                sum = sum.add(outputs.get(name));
            }
            return sum;
        } else if (layer instanceof Layer.MaxPool pool) {
            Shape padding = new Shape(pool.padding(), pool.padding());
            return Pool.maxPool2d(x, square(pool.kernel()), square(pool.stride()), padding, false);
        } else if (layer instanceof Layer.GlobalAveragePool) {
            // DJL's PyTorch mean reduces one axis at a time, so the spatial axes are merged first.
            return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
        } else if (layer instanceof Layer.Dense dense) {
            NDArray flat = x.getShape().dimension() > 2 ? x.reshape(x.getShape().get(0), -1) : x;
            NDArray bias = dense.bias() ? parameters.get(dense.name() + ".bias") : null;
            return Linear.linear(flat, parameters.get(dense.name() + ".weight"), bias)
                    .singletonOrThrow();
        }
        throw new IllegalArgumentException("Layer " + layer.name() + " of type "
                + layer.getClass().getSimpleName() + " is not supported by the PyTorch engine");
    }

    private NDArray convolution(Layer.Conv2d conv, NDArray x) {
        NDArray bias = conv.bias() ? parameters.get(conv.name() + ".bias") : null;
        return Conv2d.conv2d(
                        x,
                        parameters.get(conv.name() + ".weight"),
                        bias,
                        square(conv.stride()),
                        square(conv.padding()),
                        square(1))
                .singletonOrThrow();
    }

    /**
     * Applies libtorch's {@code batch_norm}, which in training mode updates the running mean with the batch mean
     * and the running variance with the unbiased batch variance, weighted by the layer's momentum.
     */
    private NDArray batchNorm(Layer.BatchNorm norm, NDArray x, Branch branch, boolean training) {
        String prefix = spec.batchNormPrefix(norm.name(), branch);
        // DJL passes (1 - momentum) to libtorch, so this hands libtorch the layer's PyTorch momentum.
        float djlMomentum = (float) (1.0 - norm.momentum());
        // Axis -1 selects libtorch's own channel axis (1) without the transposes DJL adds for other axes.
        return x.getNDArrayInternal()
                .batchNorm(
                        x,
                        parameters.get(prefix + ".running_mean"),
                        parameters.get(prefix + ".running_var"),
                        parameters.get(prefix + ".weight"),
                        parameters.get(prefix + ".bias"),
                        -1,
                        djlMomentum,
                        (float) norm.epsilon(),
                        training)
                .singletonOrThrow();
    }

    private static Shape square(int size) {
        return new Shape(size, size);
    }
}
