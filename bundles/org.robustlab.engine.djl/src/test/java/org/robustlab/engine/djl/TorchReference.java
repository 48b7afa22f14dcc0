package org.robustlab.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.io.Npz;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * The network and the values that src/test/python/torch_reference.py computed with PyTorch 1.13 (Debian's
 * python3-torch), stored in torch-reference.npz.
 */
final class TorchReference {

    private static final Map<String, INDArray> values;

    private TorchReference() {}

    /** Returns the network of the reference script, which uses every layer type. */
    static NetworkSpec spec(Head head, Normalization normalization) {
        List<Layer> layers = List.of(
                new Layer.Conv2d("conv1", NetworkSpec.INPUT, 2, 4, 3, 1, 1, false),
                new Layer.BatchNorm("bn1", "conv1", 4, 1e-5, 0.1),
                new Layer.Relu("relu1", "bn1"),
                new Layer.MaxPool("pool", "relu1", 3, 2, 1),
                new Layer.Conv2d("conv2", "pool", 4, 4, 3, 1, 1, false),
                new Layer.BatchNorm("bn2", "conv2", 4, 1e-3, 0.2),
                new Layer.Add("add", List.of("pool", "bn2")),
                new Layer.Relu("relu2", "add"),
                new Layer.Conv2d("conv3", "relu2", 4, 4, 1, 1, 0, true),
                new Layer.GlobalAveragePool("gap", "conv3"),
                new Layer.Dense("fc", "gap", 4, 3, true));
        return new NetworkSpec("torch-reference", 2, 3, head, normalization, layers, "fc", "relu2");
    }

    /** Returns the stored array {@code name} as float32. */
    static synchronized INDArray get(String name) {
        INDArray value = values.get(name);
        assertThat(value).as("reference array %s", name).isNotNull();
        return value.castTo(DataType.FLOAT);
    }

    /** Returns the arrays whose names start with {@code prefix}, keyed by the rest of the name. */
    static synchronized Map<String, INDArray> withPrefix(String prefix) {
        Map<String, INDArray> selected = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                selected.put(name.substring(prefix.length()), value.castTo(DataType.FLOAT));
            }
        });
        return selected;
    }

    static {
        values = load();
    }

    private static Map<String, INDArray> load() {
        try (InputStream in = TorchReference.class.getResourceAsStream("/torch-reference.npz")) {
            assertThat(in).as("test resource torch-reference.npz").isNotNull();
            Map<String, INDArray> loaded = new LinkedHashMap<>();
            Npz.read(in).forEach((name, value) -> loaded.put(name.replace("__", "/"), value));
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code actual} has the shape of {@code expected} and {@code |a - e| <= atol + rtol |e|}. */
    static void assertClose(String what, INDArray actual, INDArray expected, double atol, double rtol) {
        assertThat(actual.shape()).as("%s shape", what).isEqualTo(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).reshape(actual.length()).toDoubleVector();
        double[] e = expected.castTo(DataType.DOUBLE).reshape(expected.length()).toDoubleVector();
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < a.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
            if (!(excess <= worst)) {
                worst = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                worstIndex = i;
            }
        }
        assertThat(worstIndex)
                .as(
                        "%s: element %d is %s, expected %s (atol %s, rtol %s)",
                        what,
                        worstIndex,
                        worstIndex < 0 ? "" : a[worstIndex],
                        worstIndex < 0 ? "" : e[worstIndex],
                        atol,
                        rtol)
                .isEqualTo(-1);
    }

    /** Asserts that every entry of {@code expected} matches the entry of the same name in {@code actual}. */
    static void assertAllClose(String what, Map<String, INDArray> actual, Map<String, INDArray> expected, double atol) {
        assertThat(actual.keySet()).as("%s names", what).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> assertClose(what + " " + name, actual.get(name), value, atol, 1e-4));
    }

    /** Returns whether two arrays have identical shapes and bits. */
    static boolean identical(INDArray a, INDArray b) {
        return Arrays.equals(a.shape(), b.shape())
                && Arrays.equals(
                        a.castTo(DataType.FLOAT).reshape(a.length()).toFloatVector(),
                        b.castTo(DataType.FLOAT).reshape(b.length()).toFloatVector());
    }
}
