package org.robustlab.engine.djl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.TensorSpec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The parameters and buffers of one compiled network, as libtorch tensors owned by the model's manager, keyed as
 * in {@link NetworkSpec#parameters()}.
 *
 * <p>Trainable tensors require gradients only while a training step runs, so inference and input-gradient
 * passes never build or accumulate weight gradients.
 */
final class ParameterStore {

    private final Map<String, NDArray> tensors = new LinkedHashMap<>();

    private final List<String> trainable = new ArrayList<>();

    /**
     * Copies {@code values} into tensors owned by {@code manager}.
     *
     * @throws IllegalArgumentException when an entry is missing, has the wrong shape, is not finite or is unknown
     */
    ParameterStore(NetworkSpec spec, Map<String, INDArray> values, NDManager manager) {
        Map<String, TensorSpec> expected = spec.parameters();
        Set<String> unknown = new java.util.TreeSet<>(values.keySet());
        unknown.removeAll(expected.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameters " + unknown + " for a " + spec.architecture()
                    + " network; expected the names of NetworkSpec.parameters()");
        }
        try (ArrayScope scope = new ArrayScope(manager)) {
            expected.forEach((name, tensor) -> {
                INDArray value = values.get(name);
                check(name, tensor, value);
                NDArray copy = scope.toTensor(value).duplicate();
                copy.attach(manager);
                tensors.put(name, copy);
                if (tensor.trainable()) {
                    trainable.add(name);
                }
            });
        }
    }

    private static void check(String name, TensorSpec tensor, INDArray value) {
        if (value == null) {
            throw new IllegalArgumentException("Missing parameter '" + name + "' of shape " + tensor);
        }
        if (!Arrays.equals(value.shape(), tensor.shape())) {
            throw new IllegalArgumentException("Parameter '" + name + "' has shape " + Arrays.toString(value.shape())
                    + ", expected " + Arrays.toString(tensor.shape()));
        }
    }

    /** Returns the tensor of a parameter or buffer. */
    NDArray get(String name) {
        NDArray tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalStateException("The compiled network has no parameter '" + name + "'");
        }
        return tensor;
    }

    /** Returns the names of the trainable parameters, in specification order. */
    List<String> trainable() {
        return List.copyOf(trainable);
    }

    /** Returns copies of every parameter and buffer as ND4J arrays, in specification order. */
    Map<String, INDArray> copyToNd4j() {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> copies.put(name, ArrayScope.toNd4j(tensor)));
        return copies;
    }

    /** Switches gradient recording of the trainable parameters on or off. */
    void requireGradients(boolean required) {
        for (String name : trainable) {
            tensors.get(name).setRequiresGradient(required);
        }
    }

    /** Resets the accumulated gradients of the trainable parameters to zero. */
    void zeroGradients() {
        for (String name : trainable) {
            JniUtils.zeroGrad((PtNDArray) tensors.get(name));
        }
    }
}
