package org.robustlab.engine.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.ParameterInitializer;
import org.robustlab.core.io.Npz;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/** Small networks and reference data shared by the engine tests. */
public final class TestNetworks {

    private TestNetworks() {}

    /**
     * Returns a residual network with every layer type: stem convolution, batch norm, ReLU, 3x3 stride-2 max pooling, a
     * block with a biased strided convolution and a projection shortcut, global average pooling and a dense head.
     * It is the network that src/test/python/torch_reference.py builds in PyTorch.
     */
    public static NetworkSpec mini(Head head, Normalization normalization) {
        return mini(head, normalization, 3);
    }

    /** Returns the network of {@link #mini(Head, Normalization)} with another number of outputs. */
    public static NetworkSpec mini(Head head, Normalization normalization, int outputs) {
        List<Layer> layers = List.of(
                new Layer.Conv2d("conv1", NetworkSpec.INPUT, 2, 4, 3, 1, 1, false),
                new Layer.BatchNorm("bn1", "conv1", 4, 1e-5, 0.1),
                new Layer.Relu("relu", "bn1"),
                new Layer.MaxPool("pool", "relu", 3, 2, 1),
                new Layer.Conv2d("block_conv1", "pool", 4, 6, 3, 2, 1, true),
                new Layer.BatchNorm("block_bn1", "block_conv1", 6, 1e-5, 0.01),
                new Layer.Relu("block_relu1", "block_bn1"),
                new Layer.Conv2d("block_conv2", "block_relu1", 6, 6, 3, 1, 1, false),
                new Layer.BatchNorm("block_bn2", "block_conv2", 6, 1e-5, 0.1),
                new Layer.Conv2d("block_down", "pool", 4, 6, 1, 2, 0, false),
                new Layer.BatchNorm("block_down_bn", "block_down", 6, 1e-5, 0.1),
                new Layer.Add("block_add", List.of("block_bn2", "block_down_bn")),
                new Layer.Relu("block_out", "block_add"),
                new Layer.GlobalAveragePool("avgpool", "block_out"),
                new Layer.Dense("fc", "avgpool", 6, outputs, true));
        return new NetworkSpec("mini", 2, outputs, head, normalization, layers, "fc", "block_out");
    }

    /** Returns seeded parameters of a network with batch-norm scales, shifts and statistics away from defaults. */
    public static Map<String, INDArray> randomParameters(NetworkSpec spec, long seed) {
        Map<String, INDArray> parameters = ParameterInitializer.initialize(spec, seed);
        java.util.Random random = new java.util.Random(seed);
        parameters.forEach((name, value) -> {
            for (long i = 0; i < value.length(); i++) {
                if (name.endsWith(".running_var")) {
                    value.putScalar(i, 0.5 + random.nextDouble());
                } else if (name.endsWith(".running_mean") || name.endsWith(".bias")) {
                    value.putScalar(i, 0.3 * random.nextGaussian());
                } else if (value.rank() == 1) {
                    value.putScalar(i, 1 + 0.3 * random.nextGaussian());
                }
            }
        });
        return parameters;
    }

    /** Reads a reference file written by src/test/python/torch_reference.py from the test resources. */
    public static Map<String, INDArray> reference(String name) {
        try (InputStream in = TestNetworks.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource /reference/" + name);
            }
            return Npz.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the entries under {@code prefix}, with the prefix removed. */
    public static Map<String, INDArray> prefixed(Map<String, INDArray> arrays, String prefix) {
        Map<String, INDArray> selected = new LinkedHashMap<>();
        arrays.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                selected.put(name.substring(prefix.length()), value);
            }
        });
        return selected;
    }

    /** Returns seeded images uniform in [0, 1), float32. */
    public static INDArray images(long seed, int... shape) {
        java.util.Random random = new java.util.Random(seed);
        INDArray images = Nd4j.zeros(
                DataType.FLOAT, java.util.Arrays.stream(shape).asLongStream().toArray());
        for (long i = 0; i < images.length(); i++) {
            images.putScalar(i, random.nextFloat());
        }
        return images;
    }

    /** Returns one-hot rows for the given classes. */
    public static INDArray oneHot(int outputs, int... classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, classes.length, outputs);
        for (int i = 0; i < classes.length; i++) {
            labels.putScalar(i, classes[i], 1);
        }
        return labels;
    }

    /** Returns the largest absolute difference of two arrays, computed in float64. */
    public static double maxDifference(INDArray actual, INDArray expected) {
        return actual.castTo(DataType.DOUBLE)
                .sub(expected.castTo(DataType.DOUBLE))
                .amaxNumber()
                .doubleValue();
    }

    /** Returns exact copies of the arrays, to compare bit for bit later. */
    public static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        arrays.forEach((name, value) -> copies.put(name, value.dup()));
        return copies;
    }

    /** Returns whether two arrays have the same shape and bit-identical values. */
    public static boolean identical(INDArray a, INDArray b) {
        return java.util.Arrays.equals(a.shape(), b.shape())
                && java.util.Arrays.equals(
                        a.dup('c').castTo(DataType.DOUBLE).data().asDouble(),
                        b.dup('c').castTo(DataType.DOUBLE).data().asDouble());
    }
}
