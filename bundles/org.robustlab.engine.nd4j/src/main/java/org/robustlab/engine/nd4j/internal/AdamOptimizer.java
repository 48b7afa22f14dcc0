package org.robustlab.engine.nd4j.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.OptimizerSpec;

/**
 * Adam (Kingma and Ba, ICLR 2015) in the form of {@code torch.optim.Adam} without AMSGrad: weight decay is added
 * to the gradient, and the update is {@code p -= (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) +
 * eps)}, in PyTorch's order of operations.
 */
final class AdamOptimizer implements Optimizer {

    private static final Set<String> STATE_NAMES = Set.of("exp_avg", "exp_avg_sq", "step");

    private final OptimizerSpec spec;

    private final Map<String, Moments> moments = new LinkedHashMap<>();

    private static final class Moments {
        final INDArray first;
        final INDArray second;
        long step;

        Moments(INDArray first, INDArray second, long step) {
            this.first = first;
            this.second = second;
            this.step = step;
        }
    }

    AdamOptimizer(OptimizerSpec spec) {
        this.spec = spec;
    }

    @Override
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate) {
        gradients.forEach((name, gradient) -> update(name, parameters.get(name), gradient, learningRate));
    }

    /**
     * Updates one parameter with libnd4j's fused {@code adam_updater} op: one native call updates both moments
     * and computes the step, where the same update written as array operations costs about a dozen calls, and
     * per-call overhead dominates for the small arrays of batch-norm layers. The op computes {@code lr * sqrt(1 -
     * beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps')}; with {@code eps' = eps * sqrt(1 - beta2^t)} that is
     * PyTorch's update above.
     */
    private void update(String name, INDArray parameter, INDArray gradient, double learningRate) {
        Moments state = moments.computeIfAbsent(
                name, key -> new Moments(Nd4j.zerosLike(parameter), Nd4j.zerosLike(parameter), 0));
        state.step++;
        INDArray step = spec.weightDecay() == 0 ? gradient.dup() : gradient.add(parameter.mul(spec.weightDecay()));
        double correction2 = 1 - Math.pow(spec.beta2(), state.step);
        Nd4j.exec(new AdamUpdater(
                step,
                state.second,
                state.first,
                learningRate,
                spec.beta1(),
                spec.beta2(),
                spec.epsilon() * Math.sqrt(correction2),
                Math.toIntExact(state.step - 1)));
        parameter.subi(step);
        step.close();
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        moments.forEach((name, value) -> {
            state.put(name + ".exp_avg", value.first.dup());
            state.put(name + ".exp_avg_sq", value.second.dup());
            state.put(name + ".step", Nd4j.createFromArray(new long[] {value.step}));
        });
        return state;
    }

    @Override
    public void loadState(Map<String, INDArray> state, Map<String, INDArray> parameters) {
        Map<String, Map<String, INDArray>> byParameter = new HashMap<>();
        state.forEach((key, value) -> {
            String[] parts = Optimizer.splitKey(key, parameters, STATE_NAMES);
            if (!parts[1].equals("step")) {
                Optimizer.checkShape(key, value, parameters.get(parts[0]));
            }
            byParameter.computeIfAbsent(parts[0], k -> new HashMap<>()).put(parts[1], value);
        });
        Map<String, Moments> loaded = new LinkedHashMap<>();
        byParameter.forEach((name, entries) -> {
            if (entries.size() != STATE_NAMES.size()) {
                throw new IllegalArgumentException("Optimizer state of '" + name + "' is incomplete: has "
                        + entries.keySet() + ", needs " + STATE_NAMES);
            }
            DataType type = parameters.get(name).dataType();
            loaded.put(
                    name,
                    new Moments(
                            entries.get("exp_avg").castTo(type).dup(),
                            entries.get("exp_avg_sq").castTo(type).dup(),
                            entries.get("step").getLong(0)));
        });
        moments.clear();
        moments.putAll(loaded);
    }
}
