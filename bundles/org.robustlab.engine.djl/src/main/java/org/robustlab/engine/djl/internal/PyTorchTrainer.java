package org.robustlab.engine.djl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;

import ai.djl.ndarray.NDArray;

/**
 * Runs optimizer steps on a {@link PyTorchModel}. A step switches gradient recording on for the trainable
 * parameters and runs each loss term's forward pass in training mode. A TRADES term runs the clean reference
 * first, then the input. The step then backpropagates the weighted sum once, applies the update rule and resets
 * the gradients.
 *
 * <p>When the summed loss is not finite, the step restores the running statistics that its forward passes moved
 * and changes nothing else.
 */
final class PyTorchTrainer implements Trainer {

    private final PyTorchModel model;

    private final ArrayScope stateScope;

    private final ParameterUpdate update;

    private double learningRate;

    PyTorchTrainer(PyTorchModel model, OptimizerSpec spec) {
        this.model = model;
        this.stateScope = new ArrayScope(model.manager());
        this.update = ParameterUpdate.of(spec, stateScope);
        this.learningRate = spec.learningRate();
    }

    @Override
    public Model model() {
        return model;
    }

    @Override
    public StepResult step(TrainingBatch batch) {
        for (LossTerm term : batch.terms()) {
            model.checkInput(term.input(), term.branch());
        }
        ParameterStore parameters = model.parameterStore();
        try (ArrayScope scope = new ArrayScope(model.manager())) {
            Map<String, NDArray> statistics = snapshotStatistics(batch, scope);
            parameters.requireGradients(true);
            try {
                return runStep(batch, statistics, scope);
            } finally {
                parameters.zeroGradients();
                parameters.requireGradients(false);
            }
        }
    }

    private StepResult runStep(TrainingBatch batch, Map<String, NDArray> statistics, ArrayScope scope) {
        List<LossTerm> terms = batch.terms();
        double[] termLosses = new double[terms.size()];
        List<INDArray> termLogits = new ArrayList<>();
        double total;
        try (GradMode on = GradMode.enabled()) {
            NDArray sum = null;
            for (int i = 0; i < terms.size(); i++) {
                LossTerm term = terms.get(i);
                NDArray[] lossAndLogits = forward(term, batch.classWeights(), scope);
                termLosses[i] = lossAndLogits[0].getFloat();
                termLogits.add(ArrayScope.toNd4j(lossAndLogits[1]));
                NDArray weighted = lossAndLogits[0].mul((float) term.weight());
                sum = sum == null ? weighted : sum.add(weighted);
            }
            total = sum.getFloat();
            if (!Double.isFinite(total)) {
                restoreStatistics(statistics);
                return new StepResult(total, termLosses, termLogits, false);
            }
            GradMode.backward(sum);
        }
        applyUpdate(scope);
        return new StepResult(total, termLosses, termLogits, true);
    }

    /** Returns the unweighted loss of {@code term} and the training-mode logits of its input. */
    private NDArray[] forward(LossTerm term, INDArray classWeights, ArrayScope scope) {
        NetworkRunner runner = model.runner();
        if (term.kind() == LossTerm.Kind.TRADES) {
            if (!java.util.Arrays.equals(term.reference().shape(), term.input().shape())) {
                throw new IllegalArgumentException("A TRADES term needs reference images of the input's shape "
                        + java.util.Arrays.toString(term.input().shape()) + ", got "
                        + java.util.Arrays.toString(term.reference().shape()));
            }
            NDArray reference = runner.run(scope.toTensor(term.reference()), term.branch(), true, null)
                    .logits();
            NDArray logits = runner.run(scope.toTensor(term.input()), term.branch(), true, null)
                    .logits();
            return new NDArray[] {model.losses().trades(term, logits, reference, classWeights, scope), logits};
        }
        NDArray logits = runner.run(scope.toTensor(term.input()), term.branch(), true, null)
                .logits();
        return new NDArray[] {model.losses().supervised(term, logits, classWeights, scope), logits};
    }

    private void applyUpdate(ArrayScope scope) {
        ParameterStore parameters = model.parameterStore();
        try (GradMode off = GradMode.disabled()) {
            for (String name : parameters.trainable()) {
                NDArray parameter = parameters.get(name);
                NDArray gradient = scope.own(parameter.getGradient());
                update.apply(name, parameter, gradient, learningRate, scope);
            }
        }
    }

    /** Copies the running statistics of every branch that the batch's terms train. */
    private Map<String, NDArray> snapshotStatistics(TrainingBatch batch, ArrayScope scope) {
        NetworkSpec spec = model.spec();
        Set<Branch> branches = new LinkedHashSet<>();
        batch.terms().forEach(term -> branches.add(term.branch()));
        Map<String, NDArray> copies = new LinkedHashMap<>();
        for (Layer layer : spec.layers()) {
            if (layer instanceof Layer.BatchNorm) {
                for (Branch branch : branches) {
                    String prefix = spec.batchNormPrefix(layer.name(), branch);
                    for (String buffer : List.of(".running_mean", ".running_var")) {
                        NDArray statistic = model.parameterStore().get(prefix + buffer);
                        copies.computeIfAbsent(prefix + buffer, name -> scope.own(statistic.duplicate()));
                    }
                }
            }
        }
        return copies;
    }

    private void restoreStatistics(Map<String, NDArray> statistics) {
        try (GradMode off = GradMode.disabled()) {
            statistics.forEach(
                    (name, copy) -> copy.copyTo(model.parameterStore().get(name)));
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("learningRate must be a finite value > 0, got " + rate);
        }
        learningRate = rate;
    }

    @Override
    public Map<String, INDArray> optimizerState() {
        return update.state();
    }

    @Override
    public void loadOptimizerState(Map<String, INDArray> state) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        NetworkSpec spec = model.spec();
        for (String name : model.parameterStore().trainable()) {
            shapes.put(name, spec.parameters().get(name).shape());
        }
        update.load(state, shapes);
    }
}
