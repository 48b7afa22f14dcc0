package org.robustlab.engine.nd4j.internal;

import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.OptimizerSpec;

/**
 * An optimizer that updates parameter arrays in place with the arithmetic of {@code torch.optim}.
 *
 * <p>As in PyTorch with gradients reset to {@code None}, a parameter that no loss term reached in a step keeps
 * its value and its state: its step count, moments and momentum do not advance. A clean-only step therefore
 * leaves the adversarial batch-norm parameters of a dual-BN network exactly as they were.
 */
interface Optimizer {

    /** Creates the optimizer that {@code spec} describes. */
    static Optimizer create(OptimizerSpec spec) {
        return switch (spec.type()) {
            case ADAM -> new AdamOptimizer(spec);
            case SGD -> new SgdOptimizer(spec);
        };
    }

    /**
     * Updates every parameter that has a gradient.
     *
     * @param parameters the parameter arrays by name, updated in place
     * @param gradients the gradient of the loss for each parameter that the step reached
     * @param learningRate the step size of this step
     */
    void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate);

    /** Returns a copy of the state, keyed {@code <parameter>.<state name>} as in PyTorch's state dict. */
    Map<String, INDArray> state();

    /**
     * Replaces the state with {@code state}.
     *
     * @param parameters the parameters by name, to check names and shapes against
     * @throws IllegalArgumentException when an entry does not belong to this optimizer or does not fit
     */
    void loadState(Map<String, INDArray> state, Map<String, INDArray> parameters);

    /** Splits a state key into parameter name and state name, checking both. */
    static String[] splitKey(String key, Map<String, INDArray> parameters, java.util.Set<String> stateNames) {
        int dot = key.lastIndexOf('.');
        String parameter = dot < 0 ? "" : key.substring(0, dot);
        String stateName = dot < 0 ? key : key.substring(dot + 1);
        if (!stateNames.contains(stateName) || !parameters.containsKey(parameter)) {
            throw new IllegalArgumentException("Optimizer state entry '" + key + "' does not belong to this "
                    + "optimizer: expected <parameter>.<state> with a parameter of the model and a state name in "
                    + stateNames);
        }
        return new String[] {parameter, stateName};
    }

    /** Checks that a moment array has its parameter's shape. */
    static void checkShape(String key, INDArray value, INDArray parameter) {
        if (!Arrays.equals(value.shape(), parameter.shape())) {
            throw new IllegalArgumentException("Optimizer state entry '" + key + "' has shape "
                    + Arrays.toString(value.shape()) + ", but its parameter has shape "
                    + Arrays.toString(parameter.shape()));
        }
    }
}
