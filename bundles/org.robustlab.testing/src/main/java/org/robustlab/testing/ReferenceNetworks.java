package org.robustlab.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.ParameterInitializer;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/** Small network specifications and parameter sets for tests, portable to every engine. */
public final class ReferenceNetworks {

    /** Name of the layer whose output the small CNN's class-activation maps use. */
    public static final String SMALL_CNN_CAM_LAYER = "relu2";

    private ReferenceNetworks() {}

    /**
     * Returns a small CNN: 3x3 convolution to 4 channels (padding 1), batch norm, ReLU, 3x3 convolution to 6
     * channels with stride 2 (padding 1), ReLU ({@value #SMALL_CNN_CAM_LAYER}, the CAM layer), global average
     * pooling and a dense layer. An H x W input gives a feature map of ceil(H/2) x ceil(W/2).
     */
    public static NetworkSpec smallCnn(int channels, int outputs, Head head, Normalization normalization) {
        List<Layer> layers = List.of(
                new Layer.Conv2d("conv1", NetworkSpec.INPUT, channels, 4, 3, 1, 1, true),
                new Layer.BatchNorm("bn1", "conv1", 4, 1e-5, 0.1),
                new Layer.Relu("relu1", "bn1"),
                new Layer.Conv2d("conv2", "relu1", 4, 6, 3, 2, 1, true),
                new Layer.Relu(SMALL_CNN_CAM_LAYER, "conv2"),
                new Layer.GlobalAveragePool("pool", SMALL_CNN_CAM_LAYER),
                new Layer.Dense("fc", "pool", 6, outputs, true));
        return new NetworkSpec(
                "reference-small-cnn", channels, outputs, head, normalization, layers, "fc", SMALL_CNN_CAM_LAYER);
    }

    /**
     * Returns a linear classifier of square {@code size} x {@code size} images: one convolution whose kernel
     * covers the whole image, so the logits are {@code W x + b} with {@code W} of shape [outputs, channels, size,
     * size] in parameter {@code linear.weight}. It has no CAM layer.
     */
    public static NetworkSpec linear(int channels, int size, int outputs, Head head) {
        List<Layer> layers = List.of(
                new Layer.Conv2d("linear", NetworkSpec.INPUT, channels, outputs, size, 1, 0, true),
                new Layer.GlobalAveragePool("logits", "linear"));
        return new NetworkSpec(
                "reference-linear", channels, outputs, head, Normalization.SINGLE, layers, "logits", null);
    }

    /** Returns a linear model with the given weights [outputs, channels, size, size] and biases [outputs]. */
    public static Model linearModel(INDArray weights, INDArray bias, Head head) {
        NetworkSpec spec = linear((int) weights.size(1), (int) weights.size(2), (int) weights.size(0), head);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters.put("linear.weight", weights.castTo(DataType.FLOAT));
        parameters.put("linear.bias", bias.castTo(DataType.FLOAT).reshape(weights.size(0)));
        return new ReferenceEngine().create(spec, parameters);
    }

    /**
     * Returns seeded parameters: weights from {@link ParameterInitializer}, and batch-norm scales, shifts and
     * running statistics drawn at random, different for each branch, so that the branch changes the output.
     */
    public static Map<String, INDArray> parameters(NetworkSpec spec, long seed) {
        Map<String, INDArray> parameters = new LinkedHashMap<>(ParameterInitializer.initialize(spec, seed));
        parameters.replaceAll((name, value) -> isBatchNorm(spec, name) ? batchNormValue(name, value, seed) : value);
        return parameters;
    }

    /** Returns parameters that are all zero, for a model whose gradients vanish everywhere. */
    public static Map<String, INDArray> zeros(NetworkSpec spec) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        spec.parameters().forEach((name, tensor) -> parameters.put(name, Nd4j.zeros(DataType.FLOAT, tensor.shape())));
        parameters.replaceAll((name, value) -> name.endsWith(".running_var") ? value.add(1) : value);
        return parameters;
    }

    /** Returns a {@link ReferenceModel} of {@code spec} with {@link #parameters(NetworkSpec, long)}. */
    public static Model create(NetworkSpec spec, long seed) {
        return new ReferenceEngine().create(spec, parameters(spec, seed));
    }

    private static boolean isBatchNorm(NetworkSpec spec, String parameterName) {
        return spec.layer(ParameterInitializer.ownerOf(parameterName)) instanceof Layer.BatchNorm;
    }

    private static INDArray batchNormValue(String name, INDArray value, long seed) {
        Random random = new Random(seed * 31 + name.hashCode());
        float[] values = new float[(int) value.length()];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            if (name.endsWith(".running_var")) {
                values[i] = (float) (0.5 + 1.5 * u);
            } else if (name.endsWith(".weight")) {
                values[i] = (float) (0.5 + u);
            } else {
                values[i] = (float) (0.4 * u - 0.2);
            }
        }
        return Nd4j.createFromArray(values).reshape(value.shape());
    }
}
