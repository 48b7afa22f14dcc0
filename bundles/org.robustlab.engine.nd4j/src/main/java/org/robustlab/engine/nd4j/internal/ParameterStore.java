package org.robustlab.engine.nd4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.TensorSpec;

/**
 * The one set of parameter and buffer arrays of a compiled model. Every graph of the model reads these very
 * {@link INDArray} objects, so an in-place update by the optimizer or a running-statistics update is seen by
 * the clean and the adversarial graphs alike.
 */
final class ParameterStore {

    private final Map<String, INDArray> values;

    private final List<String> trainable;

    private final DataType dataType;

    private ParameterStore(Map<String, INDArray> values, List<String> trainable, DataType dataType) {
        this.values = values;
        this.trainable = trainable;
        this.dataType = dataType;
    }

    /**
     * Copies {@code given} into a new store of the given precision after checking it against the specification.
     *
     * @throws IllegalArgumentException naming every missing, surplus or misshapen entry
     */
    static ParameterStore copyOf(NetworkSpec spec, Map<String, INDArray> given, DataType dataType) {
        Map<String, TensorSpec> expected = spec.parameters();
        List<String> problems = new ArrayList<>();
        Map<String, INDArray> values = new LinkedHashMap<>();
        List<String> trainable = new ArrayList<>();
        expected.forEach((name, tensor) -> {
            INDArray value = given.get(name);
            if (value == null) {
                problems.add("missing '" + name + "' of shape " + Arrays.toString(tensor.shape()));
            } else if (!Arrays.equals(value.shape(), tensor.shape())) {
                problems.add("'" + name + "' has shape " + Arrays.toString(value.shape()) + ", expected "
                        + Arrays.toString(tensor.shape()));
            } else {
                values.put(name, value.castTo(dataType).dup('c'));
                if (tensor.trainable()) {
                    trainable.add(name);
                }
            }
        });
        Set<String> surplus = new TreeSet<>(given.keySet());
        surplus.removeAll(expected.keySet());
        surplus.forEach(name -> problems.add("unexpected '" + name + "', which " + spec.architecture() + " with "
                + spec.normalization() + " normalization does not have"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid parameters for " + spec.architecture() + ": " + String.join("; ", problems));
        }
        return new ParameterStore(values, Collections.unmodifiableList(trainable), dataType);
    }

    /** Returns the array of a parameter or buffer; updates to it reach every graph. */
    INDArray get(String name) {
        INDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("No parameter named '" + name + "'");
        }
        return value;
    }

    /** Returns the names of the trainable parameters, in specification order. */
    List<String> trainableNames() {
        return trainable;
    }

    /** Returns the floating-point precision of every array. */
    DataType dataType() {
        return dataType;
    }

    /** Returns a float32 copy of every entry, in specification order. */
    Map<String, INDArray> snapshot() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        values.forEach(
                (name, value) -> copy.put(name, value.castTo(DataType.FLOAT).dup('c')));
        return copy;
    }

    /** Returns a copy of every entry at the store's precision, in specification order. */
    Map<String, INDArray> exactSnapshot() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, value.dup('c')));
        return copy;
    }

    /** Frees the off-heap memory of every array; the store is unusable afterwards. */
    void close() {
        values.values().forEach(INDArray::close);
        values.clear();
    }
}
