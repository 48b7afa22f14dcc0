package org.robustlab.core.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.TensorSpec;

/**
 * Engine-neutral, seeded initial parameters, so that every engine starts a run from identical weights.
 *
 * <p>The schemes are those of torchvision's ResNet: convolution weights from a normal distribution with
 * standard deviation {@code sqrt(2 / (out * k * k))} (He et al., 2015, fan-out mode); batch norm with scale 1,
 * shift 0, running mean 0 and running variance 1; dense weights and every bias uniform in
 * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}, PyTorch's default for {@code nn.Linear}. Each parameter draws from
 * its own {@link Random} seeded by the run seed and the parameter's name, so values do not depend on the order
 * or number of other layers, nor on the ND4J backend.
 */
public final class ParameterInitializer {

    private ParameterInitializer() {}

    /** Returns initial values for every entry of {@link NetworkSpec#parameters()}. */
    public static Map<String, INDArray> initialize(NetworkSpec spec, long seed) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (Layer layer : spec.layers()) {
            parameters.putAll(initializeLayer(spec, layer.name(), seed));
        }
        return parameters;
    }

    /** Returns fresh initial values for the parameters and buffers of one layer, both branches included. */
    public static Map<String, INDArray> initializeLayer(NetworkSpec spec, String layerName, long seed) {
        Layer layer = spec.layer(layerName);
        Map<String, INDArray> values = new LinkedHashMap<>();
        spec.parameters().forEach((name, tensor) -> {
            if (ownerOf(name).equals(layerName)) {
                values.put(name, initialValue(layer, name, tensor, seed));
            }
        });
        return values;
    }

    /** Returns the layer name that owns a parameter name such as {@code s1_bn1.adversarial.weight}. */
    public static String ownerOf(String parameterName) {
        return parameterName.substring(0, parameterName.indexOf('.'));
    }

    private static INDArray initialValue(Layer layer, String name, TensorSpec tensor, long seed) {
        int length = Math.toIntExact(tensor.length());
        float[] values = new float[length];
        Random random = new Random(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
        if (layer instanceof Layer.Conv2d conv && name.endsWith(".weight")) {
            double std = Math.sqrt(2.0 / (conv.outChannels() * conv.kernel() * conv.kernel()));
            for (int i = 0; i < length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        } else if (layer instanceof Layer.BatchNorm) {
            float constant = name.endsWith(".weight") || name.endsWith(".running_var") ? 1f : 0f;
            java.util.Arrays.fill(values, constant);
        } else {
            double bound = 1.0 / Math.sqrt(fanIn(layer));
            for (int i = 0; i < length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        }
        return Nd4j.create(values, tensor.shape(), 'c').castTo(DataType.FLOAT);
    }

    private static long fanIn(Layer layer) {
        if (layer instanceof Layer.Conv2d conv) {
            return (long) conv.inChannels() * conv.kernel() * conv.kernel();
        }
        if (layer instanceof Layer.Dense dense) {
            return dense.inFeatures();
        }
        throw new IllegalStateException("Layer " + layer.name() + " has no fan-in");
    }
}
