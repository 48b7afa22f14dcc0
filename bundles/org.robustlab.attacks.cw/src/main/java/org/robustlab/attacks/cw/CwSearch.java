package org.robustlab.attacks.cw;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Head;

/**
 * One Carlini-Wagner L2 search over a batch: for each value of the constant c, Adam minimises
 * {@code ||x' - x||^2 + c * f(x')} over {@code w}, where {@code x' = min + (max - min) * (tanh(w) + 1) / 2} keeps
 * every candidate inside the valid range; a binary search per image then lowers c after a success and raises it
 * after a failure. The result of each image is its successful candidate of smallest distance, or the clean image.
 */
final class CwSearch {

    private static final double BETA1 = 0.9;

    private static final double BETA2 = 0.999;

    private static final double ADAM_EPSILON = 1e-8;

    /** Largest value of c that a failure can lead to before the search treats the image as unreachable. */
    private static final double MAX_CONST = 1e10;

    private final Model model;

    private final INDArray input;

    private final AttackGoal goal;

    private final CwParameters parameters;

    private final AttackContext context;

    private final double[][] clean;

    private final double[][] labels;

    private final double[][] mask;

    private final double[][] best;

    private final double[] bestDistance;

    private final double[] constant;

    private final double[] lower;

    private final double[] upper;

    private int passes;

    CwSearch(Model model, INDArray input, AttackGoal goal, CwParameters parameters, AttackContext context) {
        this.model = model;
        this.input = input;
        this.goal = goal;
        this.parameters = parameters;
        this.context = context;
        this.clean = rows(input);
        this.labels = rows(goal.labels());
        this.mask = goal.labelMask() == null ? null : rows(goal.labelMask());
        this.best = new double[clean.length][];
        this.bestDistance = new double[clean.length];
        this.constant = new double[clean.length];
        this.lower = new double[clean.length];
        this.upper = new double[clean.length];
        Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
        Arrays.fill(constant, parameters.initialConst());
        Arrays.fill(upper, MAX_CONST);
    }

    void run() {
        for (int round = 0; round < parameters.binarySearchSteps(); round++) {
            boolean[] succeeded = minimise();
            updateConstants(succeeded);
        }
    }

    /** Runs Adam for the current constants; returns which images met the goal at some step. */
    private boolean[] minimise() {
        double[][] w = initialVariables();
        double[][] firstMoment = new double[w.length][w[0].length];
        double[][] secondMoment = new double[w.length][w[0].length];
        boolean[] succeeded = new boolean[w.length];
        double previousLoss = Double.POSITIVE_INFINITY;
        int abortInterval = Math.max(1, parameters.steps() / 10);
        for (int step = 1; step <= parameters.steps(); step++) {
            context.checkCanceled();
            INDArray candidate = candidate(w);
            double[][] images = rows(candidate);
            double[][] logits = rows(model.logits(candidate, goal.branch()));
            double loss = 0;
            double[][] weights = new double[w.length][];
            boolean anyWeight = false;
            for (int n = 0; n < w.length; n++) {
                CwMargin margin = CwMargin.of(
                        logits[n], labels[n], mask == null ? null : mask[n], head(), goal.targeted(), kappa());
                double distance = squaredDistance(images[n], clean[n]);
                loss += distance + constant[n] * margin.value();
                if (margin.achieved()) {
                    succeeded[n] = true;
                    if (distance < bestDistance[n]) {
                        bestDistance[n] = distance;
                        best[n] = images[n];
                    }
                }
                weights[n] = scale(margin.logitGradient(), constant[n]);
                anyWeight |= Arrays.stream(weights[n]).anyMatch(value -> value != 0);
            }
            double[][] gradient = anyWeight ? classificationGradient(candidate, weights) : null;
            adamStep(w, images, gradient, firstMoment, secondMoment, step);
            if (parameters.abortEarly() && step % abortInterval == 0) {
                if (loss > previousLoss * 0.9999) {
                    break;
                }
                previousLoss = loss;
            }
        }
        return succeeded;
    }

    private double[][] classificationGradient(INDArray candidate, double[][] weights) {
        passes++;
        INDArray logitWeights = Nd4j.createFromArray(weights).castTo(DataType.FLOAT);
        return rows(model.inputGradient(candidate, new Objective.LogitWeights(logitWeights), goal.branch())
                .gradient());
    }

    /** Takes one Adam step on w for the gradient of the distance plus the weighted classification term. */
    private void adamStep(
            double[][] w, double[][] images, double[][] gradient, double[][] first, double[][] second, int step) {
        double halfRange = (context.maxValue() - context.minValue()) / 2;
        double firstCorrection = 1 - Math.pow(BETA1, step);
        double secondCorrection = 1 - Math.pow(BETA2, step);
        for (int n = 0; n < w.length; n++) {
            for (int i = 0; i < w[n].length; i++) {
                double tanh = Math.tanh(w[n][i]);
                double dx = 2 * (images[n][i] - clean[n][i]) + (gradient == null ? 0 : gradient[n][i]);
                double dw = dx * halfRange * (1 - tanh * tanh);
                first[n][i] = BETA1 * first[n][i] + (1 - BETA1) * dw;
                second[n][i] = BETA2 * second[n][i] + (1 - BETA2) * dw * dw;
                double update =
                        first[n][i] / firstCorrection / (Math.sqrt(second[n][i] / secondCorrection) + ADAM_EPSILON);
                w[n][i] -= parameters.learningRate() * update;
            }
        }
    }

    private void updateConstants(boolean[] succeeded) {
        for (int n = 0; n < constant.length; n++) {
            if (succeeded[n]) {
                upper[n] = Math.min(upper[n], constant[n]);
                constant[n] = (lower[n] + upper[n]) / 2;
            } else {
                lower[n] = Math.max(lower[n], constant[n]);
                constant[n] = upper[n] < MAX_CONST ? (lower[n] + upper[n]) / 2 : Math.min(constant[n] * 10, MAX_CONST);
            }
        }
    }

    /** Returns {@code atanh} of the clean images mapped to [-1, 1], shrunk slightly so the ends stay finite. */
    private double[][] initialVariables() {
        double range = context.maxValue() - context.minValue();
        double[][] w = new double[clean.length][clean[0].length];
        for (int n = 0; n < clean.length; n++) {
            for (int i = 0; i < clean[n].length; i++) {
                double unit = ((clean[n][i] - context.minValue()) / range * 2 - 1) * (1 - 1e-6);
                w[n][i] = 0.5 * Math.log((1 + unit) / (1 - unit));
            }
        }
        return w;
    }

    /** Returns the images of the variables w, float32, clipped against rounding at the ends of the range. */
    private INDArray candidate(double[][] w) {
        double range = context.maxValue() - context.minValue();
        double[][] images = new double[w.length][w[0].length];
        for (int n = 0; n < w.length; n++) {
            for (int i = 0; i < w[n].length; i++) {
                images[n][i] = context.minValue() + range * (Math.tanh(w[n][i]) + 1) / 2;
            }
        }
        INDArray candidate =
                Nd4j.createFromArray(images).castTo(input.dataType()).reshape(input.shape());
        return Perturbations.clip(candidate, context.minValue(), context.maxValue());
    }

    /** Returns each image's best successful candidate, or its clean image when none succeeded. */
    INDArray adversarial() {
        double[][] result = new double[clean.length][];
        boolean[] found = new boolean[clean.length];
        for (int n = 0; n < clean.length; n++) {
            found[n] = best[n] != null;
            result[n] = found[n] ? best[n] : clean[n];
        }
        INDArray candidates =
                Nd4j.createFromArray(result).castTo(input.dataType()).reshape(input.shape());
        return Perturbations.select(found, candidates, input);
    }

    int passes() {
        return passes;
    }

    private Head head() {
        return model.spec().head();
    }

    private double kappa() {
        return parameters.confidence();
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static double[] scale(double[] values, double factor) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }

    private static double[][] rows(INDArray array) {
        int count = Math.toIntExact(array.size(0));
        int columns = Math.toIntExact(array.length() / count);
        double[] flat =
                array.castTo(DataType.DOUBLE).dup('c').reshape(array.length()).toDoubleVector();
        double[][] result = new double[count][];
        for (int r = 0; r < count; r++) {
            result[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return result;
    }
}
