package org.robustlab.attacks.deepfool;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.attack.ThreatModel;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeepFool for multi-class classifiers: each step linearises the logits around the current image and moves to
 * the nearest linearised decision boundary between the label's class and one of the candidate classes. The
 * accumulated perturbation, scaled by {@code 1 + overshoot}, is added to the clean image and clipped to the valid
 * range; the attack ends for an image once its top class is no longer the label's class. For an affine
 * classifier one step reaches the nearest boundary exactly.
 *
 * <p>Threat model: white-box; the attacker knows the input gradients of the logit differences and searches for a
 * small perturbation in L2 or L-infinity, within the valid pixel range. Unbounded by default; with a finite
 * epsilon the result is projected onto that ball, so it may fail where the unbounded attack succeeds. Untargeted
 * only, softmax heads only. Cost: {@code candidates} gradient passes per step.
 *
 * <p>Norms of the boundary normals are computed in float64, so tiny (1e-25) or huge gradients neither underflow to
 * a division by zero nor overflow; a candidate whose normal is exactly zero is never chosen, and an image with no
 * usable candidate keeps its clean value.
 *
 * @see <a href="https://arxiv.org/abs/1511.04599">Moosavi-Dezfooli, Fawzi and Frossard, DeepFool: a simple and
 *     accurate method to fool deep neural networks, CVPR 2016</a>
 */
@Component(service = AttackGenerator.class)
@ContributionMetadata(
        id = "deepfool",
        label = "DeepFool",
        description = "DeepFool (Moosavi-Dezfooli et al. 2016): steps to the nearest linearised class boundary, in"
                + " L2 or L-infinity, with overshoot. White-box, minimal perturbation, unbounded unless epsilon"
                + " is set; untargeted, softmax heads only.")
public final class DeepFoolAttack implements AttackGenerator<DeepFoolParameters> {

    private static final Logger LOG = LoggerFactory.getLogger(DeepFoolAttack.class);

    /** Added to each step's logit gap so that a step never has length zero. */
    private static final double GAP_SLACK = 1e-4;

    @Override
    public Class<DeepFoolParameters> parameterType() {
        return DeepFoolParameters.class;
    }

    /** Returns L2, unbounded, 50 steps, the paper's overshoot 0.02, and 9 candidate classes. */
    @Override
    public DeepFoolParameters defaultParameters() {
        return new DeepFoolParameters(Norm.L2, Double.POSITIVE_INFINITY, 50, 0.02, 9);
    }

    @Override
    public ThreatModel threatModel(DeepFoolParameters parameters) {
        String knowledge = "white-box: input gradients of logit differences";
        return parameters.bounded()
                ? new ThreatModel(parameters.norm(), parameters.epsilon(), knowledge)
                : new ThreatModel(Norm.UNBOUNDED, 0, knowledge + "; minimal " + parameters.norm() + " perturbation");
    }

    @Override
    public AttackResult generate(
            Model model, INDArray input, AttackGoal goal, DeepFoolParameters parameters, AttackContext context) {
        goal.validate(model, input, context);
        if (model.spec().head() != Head.SOFTMAX) {
            throw new IllegalArgumentException("DeepFool needs a softmax head; this model has a sigmoid head");
        }
        if (model.spec().outputs() < 2) {
            throw new IllegalArgumentException("DeepFool needs at least two classes, the model has one output");
        }
        if (goal.targeted()) {
            throw new IllegalArgumentException("DeepFool is untargeted; use pgd, apgd or cw for a targeted goal");
        }
        context.checkCanceled();
        if (parameters.epsilon() == 0) {
            return new AttackResult(input.dup(), 0);
        }

        Search search = new Search(model, input, goal, parameters, context);
        search.run();
        INDArray adversarial = search.adversarial();
        if (parameters.bounded()) {
            adversarial = Perturbations.projectAndClip(
                    input,
                    adversarial,
                    parameters.norm(),
                    parameters.epsilon(),
                    context.minValue(),
                    context.maxValue());
        }
        return new AttackResult(adversarial, search.passes());
    }

    /** The state of one DeepFool run over a batch. */
    private static final class Search {

        private final Model model;

        private final INDArray input;

        private final AttackGoal goal;

        private final DeepFoolParameters parameters;

        private final AttackContext context;

        private final int[] labels;

        private final int[][] candidates;

        private final double[][] total;

        private final boolean[] active;

        private INDArray current;

        private int passes;

        Search(Model model, INDArray input, AttackGoal goal, DeepFoolParameters parameters, AttackContext context) {
            this.model = model;
            this.input = input;
            this.goal = goal;
            this.parameters = parameters;
            this.context = context;
            int batch = Math.toIntExact(input.size(0));
            this.labels = new int[batch];
            double[][] labelRows = rows(goal.labels());
            for (int n = 0; n < batch; n++) {
                labels[n] = argMax(labelRows[n]);
            }
            this.candidates = new int[batch][];
            this.total = new double[batch][Math.toIntExact(input.length() / batch)];
            this.active = new boolean[batch];
            this.current = input.dup();
        }

        void run() {
            double[][] clean = rows(model.logits(input, goal.branch()));
            for (int n = 0; n < clean.length; n++) {
                candidates[n] = topOthers(clean[n], labels[n], parameters.candidates());
                active[n] = true;
            }
            for (int iteration = 0; iteration <= parameters.maxIterations(); iteration++) {
                context.checkCanceled();
                int outputs = model.spec().outputs();
                Step step = null;
                for (int rank = 0; rank < Math.min(parameters.candidates(), outputs - 1); rank++) {
                    GradientResult difference = differenceGradient(rank);
                    if (rank == 0) {
                        if (!updateActive(difference.logits(), iteration) || iteration == parameters.maxIterations()) {
                            return;
                        }
                        step = new Step(active.length);
                    }
                    step.consider(rank, difference, candidates, labels, active, parameters.norm());
                }
                applyStep(step);
            }
        }

        /** Returns the gradient of {@code logit[candidate] - logit[label]} for each image's candidate of a rank. */
        private GradientResult differenceGradient(int rank) {
            int outputs = model.spec().outputs();
            float[][] weights = new float[active.length][outputs];
            for (int n = 0; n < active.length; n++) {
                if (rank < candidates[n].length) {
                    weights[n][candidates[n][rank]] = 1;
                    weights[n][labels[n]] = -1;
                }
            }
            passes++;
            return model.inputGradient(
                    current, new Objective.LogitWeights(Nd4j.createFromArray(weights)), goal.branch());
        }

        /** Keeps active the images still classified as their label; returns whether any is. */
        private boolean updateActive(INDArray logits, int iteration) {
            double[][] rows = rows(logits);
            boolean any = false;
            for (int n = 0; n < rows.length; n++) {
                active[n] &= argMax(rows[n]) == labels[n];
                any |= active[n];
            }
            LOG.trace("DeepFool step {}: images still classified as their label: {}", iteration, any);
            return any;
        }

        private void applyStep(Step step) {
            double scale = 1 + parameters.overshoot();
            boolean[] moved = new boolean[active.length];
            for (int n = 0; n < active.length; n++) {
                double[] r = step.perturbation(n);
                if (!active[n] || r == null) {
                    active[n] = false;
                    continue;
                }
                moved[n] = true;
                for (int i = 0; i < r.length; i++) {
                    total[n][i] += r[i];
                }
            }
            double[][] scaled = new double[active.length][];
            for (int n = 0; n < active.length; n++) {
                scaled[n] = total[n].clone();
                for (int i = 0; i < scaled[n].length; i++) {
                    scaled[n][i] *= scale;
                }
            }
            INDArray delta =
                    Nd4j.createFromArray(scaled).castTo(input.dataType()).reshape(input.shape());
            INDArray candidate = Perturbations.clip(input.add(delta), context.minValue(), context.maxValue());
            current = Perturbations.select(moved, candidate, current);
        }

        INDArray adversarial() {
            return current;
        }

        int passes() {
            return passes;
        }
    }

    /** The nearest linearised boundary found so far for each image in one step. */
    private static final class Step {

        private final double[] distance;

        private final double[][] perturbation;

        Step(int batch) {
            distance = new double[batch];
            Arrays.fill(distance, Double.POSITIVE_INFINITY);
            perturbation = new double[batch][];
        }

        void consider(
                int rank, GradientResult difference, int[][] candidates, int[] labels, boolean[] active, Norm norm) {
            double[][] normals = rows(difference.gradient());
            double[][] logits = rows(difference.logits());
            for (int n = 0; n < normals.length; n++) {
                if (!active[n] || rank >= candidates[n].length) {
                    continue;
                }
                double gap = Math.abs(logits[n][candidates[n][rank]] - logits[n][labels[n]]) + GAP_SLACK;
                double length = norm == Norm.L2 ? l2(normals[n]) : l1(normals[n]);
                if (length == 0 || !Double.isFinite(length) || !(gap / length < distance[n])) {
                    continue;
                }
                distance[n] = gap / length;
                perturbation[n] =
                        norm == Norm.L2 ? scaled(normals[n], gap / length / length) : signs(normals[n], gap / length);
            }
        }

        double[] perturbation(int n) {
            return perturbation[n];
        }
    }

    /** Returns the classes other than {@code label} with the highest logits, at most {@code count}. */
    static int[] topOthers(double[] logits, int label, int count) {
        return IntStream.range(0, logits.length)
                .filter(k -> k != label)
                .boxed()
                .sorted((a, b) -> Double.compare(logits[b], logits[a]))
                .limit(count)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Returns the L2 norm, computed after scaling by the largest entry so it neither underflows nor overflows. */
    static double l2(double[] vector) {
        double largest = 0;
        for (double value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        if (largest == 0 || !Double.isFinite(largest)) {
            return largest;
        }
        double sum = 0;
        for (double value : vector) {
            double scaledValue = value / largest;
            sum += scaledValue * scaledValue;
        }
        return largest * Math.sqrt(sum);
    }

    private static double l1(double[] vector) {
        double sum = 0;
        for (double value : vector) {
            sum += Math.abs(value);
        }
        return sum;
    }

    private static double[] scaled(double[] vector, double factor) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = vector[i] * factor;
        }
        return result;
    }

    private static double[] signs(double[] vector, double size) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = Math.signum(vector[i]) * size;
        }
        return result;
    }

    private static double[][] rows(INDArray array) {
        int rows = Math.toIntExact(array.size(0));
        int columns = Math.toIntExact(array.length() / rows);
        double[] flat =
                array.castTo(DataType.DOUBLE).dup('c').reshape(array.length()).toDoubleVector();
        double[][] result = new double[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return result;
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
