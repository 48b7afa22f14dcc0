package org.robustlab.engine.djl.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.OptimizerSpec;

import ai.djl.ndarray.NDArray;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD} with zero dampening: weight decay is added to the
 * gradient; with momentum the buffer starts as the first gradient and then becomes {@code momentum * buffer +
 * gradient}; Nesterov momentum steps along {@code gradient + momentum * buffer}.
 */
final class SgdUpdate implements ParameterUpdate {

    private static final Set<String> STATE_NAMES = Set.of("momentum_buffer");

    private final OptimizerSpec spec;

    private final ArrayScope stateScope;

    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    SgdUpdate(OptimizerSpec spec, ArrayScope stateScope) {
        this.spec = spec;
        this.stateScope = stateScope;
    }

    @Override
    public void apply(String name, NDArray parameter, NDArray gradient, double learningRate, ArrayScope scope) {
        NDArray g = gradient;
        if (spec.weightDecay() != 0) {
            g = scope.own(parameter.mul(spec.weightDecay())).add(gradient);
        }
        if (spec.momentum() != 0) {
            NDArray buffer = buffers.get(name);
            if (buffer == null) {
                buffer = g.duplicate();
                buffer.attach(stateScope.manager());
                buffers.put(name, buffer);
            } else {
                buffer.muli(spec.momentum()).addi(g);
            }
            g = spec.nesterov() ? g.add(scope.own(buffer.mul(spec.momentum()))) : buffer;
        }
        parameter.subi(scope.own(g.mul(learningRate)));
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        buffers.forEach((name, buffer) -> state.put(name + ".momentum_buffer", ArrayScope.toNd4j(buffer)));
        return state;
    }

    @Override
    public void load(Map<String, INDArray> state, Map<String, long[]> shapes) {
        Map<String, NDArray> loaded = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            String[] parts = ParameterUpdate.splitKey(key, shapes, STATE_NAMES);
            ParameterUpdate.checkShape(key, value, shapes.get(parts[0]));
            try (NDArray shared = stateScope.toTensor(value)) {
                loaded.put(parts[0], shared.duplicate());
            }
        });
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        buffers.putAll(loaded);
    }
}
