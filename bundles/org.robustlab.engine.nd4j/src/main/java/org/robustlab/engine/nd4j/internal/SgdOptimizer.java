package org.robustlab.engine.nd4j.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.OptimizerSpec;

/**
 * Stochastic gradient descent in the form of {@code torch.optim.SGD} with dampening 0: weight decay is added to
 * the gradient, the momentum buffer starts as a copy of the first gradient and then follows {@code buf = momentum
 * * buf + g}, and Nesterov momentum steps along {@code g + momentum * buf}.
 */
final class SgdOptimizer implements Optimizer {

    private static final Set<String> STATE_NAMES = Set.of("momentum_buffer");

    private final OptimizerSpec spec;

    private final Map<String, INDArray> buffers = new LinkedHashMap<>();

    SgdOptimizer(OptimizerSpec spec) {
        this.spec = spec;
    }

    @Override
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate) {
        gradients.forEach((name, gradient) -> update(name, parameters.get(name), gradient, learningRate));
    }

    private void update(String name, INDArray parameter, INDArray gradient, double learningRate) {
        INDArray direction = spec.weightDecay() == 0 ? gradient : gradient.add(parameter.mul(spec.weightDecay()));
        if (spec.momentum() != 0) {
            INDArray buffer = buffers.get(name);
            if (buffer == null) {
                buffer = direction.dup();
                buffers.put(name, buffer);
            } else {
                buffer.muli(spec.momentum()).addi(direction);
            }
            direction = spec.nesterov() ? direction.add(buffer.mul(spec.momentum())) : buffer;
        }
        INDArray update = direction.mul(learningRate);
        parameter.subi(update);
        update.close();
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        buffers.forEach((name, buffer) -> state.put(name + ".momentum_buffer", buffer.dup()));
        return state;
    }

    @Override
    public void loadState(Map<String, INDArray> state, Map<String, INDArray> parameters) {
        Map<String, INDArray> loaded = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            String name = Optimizer.splitKey(key, parameters, STATE_NAMES)[0];
            Optimizer.checkShape(key, value, parameters.get(name));
            loaded.put(name, value.castTo(parameters.get(name).dataType()).dup());
        });
        buffers.clear();
        buffers.putAll(loaded);
    }
}
