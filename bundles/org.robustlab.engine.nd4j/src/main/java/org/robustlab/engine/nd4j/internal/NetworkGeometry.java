package org.robustlab.engine.nd4j.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;

/**
 * The output shape of every node of a network for one input size, without the batch axis: [C, H, W] for
 * feature maps and [F] for vectors. Computing it first turns a network that cannot take an input into an error
 * that names the layer, instead of a failure deep inside a native op.
 */
final class NetworkGeometry {

    private final Map<String, long[]> shapes = new HashMap<>();

    private NetworkGeometry() {}

    /**
     * Computes the shapes for inputs of {@code height} x {@code width} pixels.
     *
     * @throws IllegalArgumentException when a layer cannot take its input, naming the layer and the sizes
     */
    static NetworkGeometry of(NetworkSpec spec, long height, long width) {
        NetworkGeometry geometry = new NetworkGeometry();
        geometry.shapes.put(NetworkSpec.INPUT, new long[] {spec.inputChannels(), height, width});
        for (Layer layer : spec.layers()) {
            geometry.shapes.put(layer.name(), geometry.outputShape(layer, height, width));
        }
        return geometry;
    }

    /** Returns the shape of a node's output without the batch axis. */
    long[] shape(String node) {
        return shapes.get(node).clone();
    }

    /** Returns the number of values per channel that a batch norm sees for a batch of {@code batch} images. */
    long valuesPerChannel(Layer.BatchNorm norm, long batch) {
        long[] input = shapes.get(norm.input());
        long count = batch;
        for (int axis = 1; axis < input.length; axis++) {
            count *= input[axis];
        }
        return count;
    }

    private long[] outputShape(Layer layer, long height, long width) {
        long[] input = shapes.get(layer.inputs().get(0));
        if (layer instanceof Layer.Conv2d conv) {
            requireMap(layer, input, conv.inChannels(), height, width);
            return window(
                    layer, input, conv.outChannels(), conv.kernel(), conv.stride(), conv.padding(), height, width);
        }
        if (layer instanceof Layer.MaxPool pool) {
            requireMap(layer, input, input.length == 3 ? input[0] : -1, height, width);
            return window(layer, input, input[0], pool.kernel(), pool.stride(), pool.padding(), height, width);
        }
        if (layer instanceof Layer.BatchNorm norm) {
            requireMap(layer, input, norm.channels(), height, width);
            return input;
        }
        if (layer instanceof Layer.GlobalAveragePool) {
            requireMap(layer, input, input.length == 3 ? input[0] : -1, height, width);
            return new long[] {input[0]};
        }
        if (layer instanceof Layer.Dense dense) {
            if (input.length != 1 || input[0] != dense.inFeatures()) {
                throw new IllegalArgumentException("Layer " + layer.name() + " expects " + dense.inFeatures()
                        + " input features, but '" + dense.input() + "' outputs shape " + Arrays.toString(input));
            }
            return new long[] {dense.outFeatures()};
        }
        if (layer instanceof Layer.Add add) {
            for (String other : add.inputs()) {
                if (!Arrays.equals(shapes.get(other), input)) {
                    throw new IllegalArgumentException("Layer " + layer.name() + " adds tensors of different shapes: "
                            + add.inputs().get(0) + " " + Arrays.toString(input) + " and " + other + " "
                            + Arrays.toString(shapes.get(other)));
                }
            }
        }
        return input;
    }

    private static void requireMap(Layer layer, long[] input, long channels, long height, long width) {
        if (input.length != 3 || input[0] != channels) {
            throw new IllegalArgumentException("Layer " + layer.name() + " expects a feature map with " + channels
                    + " channels, but its input has shape " + Arrays.toString(input) + " for " + height + "x"
                    + width + " images");
        }
    }

    private static long[] window(
            Layer layer, long[] input, long channels, int kernel, int stride, int padding, long height, long width) {
        long outHeight = (input[1] + 2L * padding - kernel) / stride + 1;
        long outWidth = (input[2] + 2L * padding - kernel) / stride + 1;
        if (input[1] + 2L * padding < kernel || input[2] + 2L * padding < kernel) {
            throw new IllegalArgumentException("Input images of " + height + "x" + width + " pixels are too small for"
                    + " layer " + layer.name() + ": its " + input[1] + "x" + input[2] + " input is smaller than the "
                    + kernel + "x" + kernel + " kernel with padding " + padding);
        }
        return new long[] {channels, outHeight, outWidth};
    }
}
