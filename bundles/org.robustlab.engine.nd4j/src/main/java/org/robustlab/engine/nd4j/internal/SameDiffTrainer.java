package org.robustlab.engine.nd4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs optimizer steps on a {@link SameDiffModel}.
 *
 * <p>A step runs every loss term through the training graph of its branch, sums the weighted parameter
 * gradients (shared weights receive the sum over all terms, batch-norm parameters only those of their branch),
 * and then, only if every loss and gradient is finite, updates the running statistics that each forward pass
 * measured and applies the optimizer. A TRADES term runs two forward passes, the clean reference first, so it
 * updates its branch's running statistics twice, as two training-mode forward passes in PyTorch do.
 */
final class SameDiffTrainer implements Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(SameDiffTrainer.class);

    private final SameDiffModel model;

    private final Optimizer optimizer;

    private double learningRate;

    SameDiffTrainer(SameDiffModel model, Optimizer optimizer, double learningRate) {
        this.model = model;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
    }

    /** Batch moments that one forward pass measured, to be folded into the running statistics. */
    record Moments(Branch branch, String layer, INDArray mean, INDArray variance, long count) {}

    /** What one loss term contributed to a step. */
    private record TermResult(double loss, INDArray logits, Map<String, INDArray> gradients, List<Moments> moments) {}

    @Override
    public Model model() {
        return model;
    }

    /** The losses, gradients and batch moments of one batch, before anything is applied. */
    record Evaluation(
            double total,
            double[] termLosses,
            List<INDArray> termLogits,
            Map<String, INDArray> gradients,
            List<Moments> moments) {

        /** Returns whether the step may be applied: the loss and every gradient are finite. */
        boolean finite() {
            return Double.isFinite(total) && allFinite(gradients);
        }
    }

    @Override
    public StepResult step(TrainingBatch batch) {
        Evaluation evaluation = evaluate(batch);
        boolean applied = evaluation.finite();
        if (applied) {
            evaluation.moments().forEach(this::updateRunningStatistics);
            Map<String, INDArray> gradients = evaluation.gradients();
            optimizer.step(parameters(gradients), gradients, learningRate);
        } else {
            LOG.debug(
                    "Skipped a step of {}: the loss {} or a gradient is not finite",
                    model.spec().architecture(),
                    evaluation.total());
        }
        OffHeapPolicy.afterPass();
        return new StepResult(evaluation.total(), evaluation.termLosses(), evaluation.termLogits(), applied);
    }

    /**
     * Runs every term's forward and backward pass and returns the summed weighted loss and gradients, changing
     * neither parameters nor running statistics.
     */
    Evaluation evaluate(TrainingBatch batch) {
        List<INDArray> termLogits = new ArrayList<>();
        double[] termLosses = new double[batch.terms().size()];
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        List<Moments> moments = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < termLosses.length; i++) {
            LossTerm term = batch.terms().get(i);
            TermResult result = run(term, batch.classWeights());
            termLosses[i] = result.loss();
            termLogits.add(result.logits());
            total += term.weight() * result.loss();
            accumulate(gradients, result.gradients(), term.weight());
            moments.addAll(result.moments());
        }
        return new Evaluation(total, termLosses, termLogits, gradients, moments);
    }

    private TermResult run(LossTerm term, INDArray classWeights) {
        NetworkSpec spec = model.spec();
        INDArray x = model.prepareInput(term.input());
        LossCoefficients coefficients = LossCoefficients.of(
                term, spec.head(), classWeights, spec.outputs(), model.store().dataType());
        Map<String, INDArray> placeholders = new HashMap<>(coefficients.values());
        placeholders.put(NetworkSpec.INPUT, x);
        boolean trades = term.kind() == LossTerm.Kind.TRADES;
        CompiledGraph graph = model.graph(trades ? GraphKind.TRADES : GraphKind.TRAINING, term.branch());
        List<String> outputs = new ArrayList<>(List.of(spec.output(), GraphBuilder.TOTAL));
        if (trades) {
            INDArray reference = model.prepareInput(term.reference());
            if (!Arrays.equals(reference.shape(), x.shape())) {
                throw new IllegalArgumentException("A TRADES term needs reference images of the input's shape "
                        + Arrays.toString(x.shape()) + ", got " + Arrays.toString(reference.shape()));
            }
            placeholders.put(GraphBuilder.REFERENCE, reference);
            outputs.addAll(graph.momentNames(GraphBuilder.REFERENCE_PREFIX));
        }
        outputs.addAll(graph.momentNames(""));
        OutAndGrad result = graph.gradients(placeholders, outputs, graph.trainable());
        Map<String, INDArray> values = result.getOutputs();
        List<Moments> moments = new ArrayList<>();
        if (trades) {
            moments.addAll(moments(graph, values, GraphBuilder.REFERENCE_PREFIX, term.branch(), x));
        }
        moments.addAll(moments(graph, values, "", term.branch(), x));
        double loss = values.get(GraphBuilder.TOTAL).getDouble(0);
        return new TermResult(loss, values.get(spec.output()), result.getGradients(), moments);
    }

    private List<Moments> moments(
            CompiledGraph graph, Map<String, INDArray> values, String prefix, Branch branch, INDArray x) {
        NetworkGeometry geometry = model.geometry(x);
        List<Moments> moments = new ArrayList<>();
        for (String layer : graph.batchNormLayers()) {
            Layer.BatchNorm norm = (Layer.BatchNorm) model.spec().layer(layer);
            long count = geometry.valuesPerChannel(norm, x.size(0));
            if (count < 2) {
                throw new IllegalArgumentException("Batch norm layer " + layer + " needs more than one value per"
                        + " channel in training mode, but a batch of " + x.size(0) + " gives " + count);
            }
            moments.add(new Moments(
                    branch,
                    layer,
                    values.get(CompiledGraph.batchMean(prefix, layer)),
                    values.get(CompiledGraph.batchVariance(prefix, layer)),
                    count));
        }
        return moments;
    }

    /**
     * Adds {@code weight} times each gradient to {@code sum}. The gradient arrays come fresh from SameDiff and
     * belong to this step, so the first term's are kept (scaled in place) instead of copied.
     */
    private static void accumulate(Map<String, INDArray> sum, Map<String, INDArray> gradients, double weight) {
        gradients.forEach((name, gradient) -> {
            INDArray previous = sum.get(name);
            if (previous == null) {
                sum.put(name, weight == 1 ? gradient : gradient.muli(weight));
            } else if (weight == 1) {
                previous.addi(gradient);
            } else {
                previous.addi(gradient.muli(weight));
            }
        });
    }

    /** Returns whether every gradient is finite, with one reduction over all of them instead of one per array. */
    private static boolean allFinite(Map<String, INDArray> gradients) {
        if (gradients.isEmpty()) {
            return true;
        }
        INDArray all = Nd4j.toFlattened(gradients.values());
        boolean finite = Double.isFinite(all.sumNumber().doubleValue());
        all.close();
        return finite;
    }

    /**
     * Folds a batch's moments into the running statistics as PyTorch does: {@code running = (1 - momentum) *
     * running + momentum * batch}, with the unbiased variance {@code var * n / (n - 1)}.
     */
    private void updateRunningStatistics(Moments moments) {
        NetworkSpec spec = model.spec();
        Layer.BatchNorm norm = (Layer.BatchNorm) spec.layer(moments.layer());
        String prefix = spec.batchNormPrefix(moments.layer(), moments.branch());
        double momentum = norm.momentum();
        double unbiased = (double) moments.count() / (moments.count() - 1);
        INDArray runningMean = model.store().get(prefix + ".running_mean");
        INDArray runningVariance = model.store().get(prefix + ".running_var");
        runningMean.muli(1 - momentum).addi(moments.mean().mul(momentum));
        runningVariance.muli(1 - momentum).addi(moments.variance().mul(momentum * unbiased));
    }

    private Map<String, INDArray> parameters(Map<String, INDArray> gradients) {
        Map<String, INDArray> parameters = new HashMap<>();
        gradients.keySet().forEach(name -> parameters.put(name, model.store().get(name)));
        return parameters;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite value > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public Map<String, INDArray> optimizerState() {
        return optimizer.state();
    }

    @Override
    public void loadOptimizerState(Map<String, INDArray> state) {
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        model.store()
                .trainableNames()
                .forEach(name -> trainable.put(name, model.store().get(name)));
        optimizer.loadState(state, trainable);
    }
}
