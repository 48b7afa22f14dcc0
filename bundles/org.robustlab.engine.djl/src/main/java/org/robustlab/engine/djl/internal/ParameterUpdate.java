package org.robustlab.engine.djl.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.OptimizerSpec;

import ai.djl.ndarray.NDArray;

/**
 * An optimizer's update rule with {@code torch.optim} semantics, applied one parameter at a time with libtorch
 * operations. Its state is exported with PyTorch's names, {@code <parameter>.<state>}, so checkpoints move between
 * engines.
 */
interface ParameterUpdate {

    /**
     * Updates {@code parameter} in place from its gradient; temporaries belong to {@code scope}.
     *
     * @param learningRate the step size of this step
     */
    void apply(String name, NDArray parameter, NDArray gradient, double learningRate, ArrayScope scope);

    /** Returns a copy of the state, keyed {@code <parameter>.<state>}. */
    Map<String, INDArray> state();

    /**
     * Replaces the state with {@code state}.
     *
     * @param shapes the shape of every trainable parameter, by name
     * @throws IllegalArgumentException when a key, a shape or a parameter's entry set is invalid
     */
    void load(Map<String, INDArray> state, Map<String, long[]> shapes);

    /** Returns the update rule of {@code spec}, with its state in tensors owned by {@code scope}. */
    static ParameterUpdate of(OptimizerSpec spec, ArrayScope scope) {
        return spec.type() == OptimizerSpec.Type.ADAM ? new AdamUpdate(spec, scope) : new SgdUpdate(spec, scope);
    }

    /**
     * Splits a state key into parameter name and state name.
     *
     * @throws IllegalArgumentException when the parameter is not trainable or the state name is unknown
     */
    static String[] splitKey(String key, Map<String, long[]> shapes, Set<String> stateNames) {
        int dot = key.lastIndexOf('.');
        String parameter = dot < 0 ? "" : key.substring(0, dot);
        String state = key.substring(dot + 1);
        if (!shapes.containsKey(parameter) || !stateNames.contains(state)) {
            throw new IllegalArgumentException(
                    "Unknown optimizer state '" + key + "': expected <trainable parameter>." + stateNames);
        }
        return new String[] {parameter, state};
    }

    /** Checks that a state entry has its parameter's shape. */
    static void checkShape(String key, INDArray value, long[] shape) {
        if (!Arrays.equals(value.shape(), shape)) {
            throw new IllegalArgumentException("Optimizer state '" + key + "' has shape "
                    + Arrays.toString(value.shape()) + ", expected " + Arrays.toString(shape));
        }
    }
}
