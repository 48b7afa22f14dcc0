package org.robustlab.engine.djl.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.OptimizerSpec;

import ai.djl.ndarray.NDArray;

/**
 * Adam (Kingma and Ba, ICLR 2015) as {@code torch.optim.Adam} without AMSGrad: weight decay is added to the
 * gradient, and {@code p -= (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)} with a step count
 * {@code t} per parameter. DJL's own Adam differs (it clips and decays differently), so it is not used.
 */
final class AdamUpdate implements ParameterUpdate {

    private static final Set<String> STATE_NAMES = Set.of("exp_avg", "exp_avg_sq", "step");

    private final OptimizerSpec spec;

    private final ArrayScope stateScope;

    private final Map<String, Moments> moments = new LinkedHashMap<>();

    /** The moment estimates of one parameter and its step count. */
    private static final class Moments {
        final NDArray first;
        final NDArray second;
        long step;

        Moments(NDArray first, NDArray second, long step) {
            this.first = first;
            this.second = second;
            this.step = step;
        }
    }

    AdamUpdate(OptimizerSpec spec, ArrayScope stateScope) {
        this.spec = spec;
        this.stateScope = stateScope;
    }

    @Override
    public void apply(String name, NDArray parameter, NDArray gradient, double learningRate, ArrayScope scope) {
        Moments state = moments.computeIfAbsent(name, key -> new Moments(zeros(parameter), zeros(parameter), 0));
        state.step++;
        NDArray g = gradient;
        if (spec.weightDecay() != 0) {
            g = scope.own(parameter.mul(spec.weightDecay())).add(gradient);
        }
        state.first.muli(spec.beta1()).addi(g.mul(1 - spec.beta1()));
        state.second.muli(spec.beta2()).addi(g.mul(g).muli(1 - spec.beta2()));
        double correction1 = 1 - Math.pow(spec.beta1(), state.step);
        double correction2 = 1 - Math.pow(spec.beta2(), state.step);
        double stepSize = learningRate / correction1;
        NDArray denominator =
                scope.own(state.second.sqrt()).divi(Math.sqrt(correction2)).addi(spec.epsilon());
        NDArray update = scope.own(state.first.div(denominator)).muli(stepSize);
        parameter.subi(update);
    }

    private NDArray zeros(NDArray parameter) {
        return stateScope.manager().zeros(parameter.getShape(), parameter.getDataType());
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        moments.forEach((name, value) -> {
            state.put(name + ".exp_avg", ArrayScope.toNd4j(value.first));
            state.put(name + ".exp_avg_sq", ArrayScope.toNd4j(value.second));
            state.put(name + ".step", Nd4j.createFromArray(new long[] {value.step}));
        });
        return state;
    }

    @Override
    public void load(Map<String, INDArray> state, Map<String, long[]> shapes) {
        Map<String, Map<String, INDArray>> byParameter = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            String[] parts = ParameterUpdate.splitKey(key, shapes, STATE_NAMES);
            if (!parts[1].equals("step")) {
                ParameterUpdate.checkShape(key, value, shapes.get(parts[0]));
            }
            byParameter.computeIfAbsent(parts[0], k -> new HashMap<>()).put(parts[1], value);
        });
        Map<String, Moments> loaded = new LinkedHashMap<>();
        byParameter.forEach((name, entries) -> {
            if (entries.size() != STATE_NAMES.size()) {
                throw new IllegalArgumentException("Optimizer state of '" + name + "' is incomplete: has "
                        + entries.keySet() + ", needs " + STATE_NAMES);
            }
            loaded.put(
                    name,
                    new Moments(
                            copy(entries.get("exp_avg")),
                            copy(entries.get("exp_avg_sq")),
                            entries.get("step").getLong(0)));
        });
        moments.values().forEach(value -> {
            value.first.close();
            value.second.close();
        });
        moments.clear();
        moments.putAll(loaded);
    }

    private NDArray copy(INDArray value) {
        try (NDArray shared = stateScope.toTensor(value)) {
            return shared.duplicate();
        }
    }
}
