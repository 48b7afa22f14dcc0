package org.robustlab.attacks.apgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.Model;

/**
 * One APGD run over a batch, with a step size per image. The state after each gradient pass: the current and the
 * previous iterate, the iterate of highest loss and its gradient, and the last iterate that met the goal.
 */
final class ApgdRun {

    private final Model model;

    private final INDArray input;

    private final AttackGoal goal;

    private final ApgdParameters parameters;

    private final AttackContext context;

    private final int batch;

    private final double[] stepSize;

    private final double[] bestLoss;

    private final double[] previousLoss;

    private final int[] improvingSteps;

    private final double[] stepSizeAtCheckpoint;

    private final double[] bestLossAtCheckpoint;

    private final boolean[] achievedEver;

    private INDArray bestPoint;

    private INDArray bestGradient;

    private INDArray successPoint;

    private int passes;

    ApgdRun(Model model, INDArray input, AttackGoal goal, ApgdParameters parameters, AttackContext context) {
        this.model = model;
        this.input = input;
        this.goal = goal;
        this.parameters = parameters;
        this.context = context;
        this.batch = Math.toIntExact(input.size(0));
        this.stepSize = new double[batch];
        this.bestLoss = new double[batch];
        this.previousLoss = new double[batch];
        this.improvingSteps = new int[batch];
        this.stepSizeAtCheckpoint = new double[batch];
        this.bestLossAtCheckpoint = new double[batch];
        this.achievedEver = new boolean[batch];
        Arrays.fill(stepSize, 2 * parameters.epsilon());
        Arrays.fill(bestLoss, Double.NEGATIVE_INFINITY);
    }

    /**
     * Returns the checkpoints {@code w_j = ceil(p_j * iterations)} of the step-size schedule, after the first
     * ({@code p_0 = 0}): {@code p_1 = 0.22} and {@code p_(j+1) = p_j + max(p_j - p_(j-1) - 0.03, 0.06)} while it
     * stays at most 1. The fractions are kept in hundredths so that the ceiling is exact.
     */
    static List<Integer> checkpoints(int iterations) {
        List<Integer> hundredths = new ArrayList<>(List.of(0, 22));
        while (true) {
            int last = hundredths.get(hundredths.size() - 1);
            int next = last + Math.max(last - hundredths.get(hundredths.size() - 2) - 3, 6);
            if (next > 100) {
                break;
            }
            hundredths.add(next);
        }
        List<Integer> checkpoints = new ArrayList<>();
        for (int p : hundredths.subList(1, hundredths.size())) {
            int checkpoint = (p * iterations + 99) / 100;
            if (checkpoint > 0 && checkpoint < iterations && !checkpoints.contains(checkpoint)) {
                checkpoints.add(checkpoint);
            }
        }
        return checkpoints;
    }

    void run(Random random) {
        List<Integer> checkpoints = checkpoints(parameters.iterations());
        INDArray current = parameters.randomStart()
                ? Perturbations.randomStart(
                        input, parameters.norm(), parameters.epsilon(), context.minValue(), context.maxValue(), random)
                : input.dup();
        INDArray previous = current;
        int lastCheckpoint = 0;
        for (int k = 0; k < parameters.iterations(); k++) {
            context.checkCanceled();
            INDArray gradient = evaluate(current, k);
            if (k == 0) {
                System.arraycopy(stepSize, 0, stepSizeAtCheckpoint, 0, batch);
                System.arraycopy(bestLoss, 0, bestLossAtCheckpoint, 0, batch);
            } else if (checkpoints.contains(k)) {
                boolean[] reduce = checkpointDecision(k - lastCheckpoint);
                lastCheckpoint = k;
                current = Perturbations.select(reduce, bestPoint, current);
                previous = Perturbations.select(reduce, bestPoint, previous);
                gradient = Perturbations.select(reduce, bestGradient, gradient);
            }
            if (k == parameters.iterations() - 1) {
                break;
            }
            INDArray next = step(current, previous, gradient, k == 0 ? 1 : parameters.momentum());
            previous = current;
            current = next;
        }
    }

    /** Runs one gradient pass at {@code point} and updates the best iterates; returns the loss gradient. */
    private INDArray evaluate(INDArray point, int k) {
        GradientResult result = model.inputGradient(point, goal.loss(), goal.branch());
        passes++;
        double[] losses = result.objectives().toDoubleVector();
        boolean[] achieved = goal.achieved(result.logits(), model.spec().head());
        boolean[] improved = new boolean[batch];
        for (int n = 0; n < batch; n++) {
            double loss = goal.targeted() ? -losses[n] : losses[n];
            if (k > 0 && loss > previousLoss[n]) {
                improvingSteps[n]++;
            }
            previousLoss[n] = loss;
            improved[n] = loss > bestLoss[n];
            if (improved[n]) {
                bestLoss[n] = loss;
            }
            achievedEver[n] |= achieved[n];
        }
        INDArray gradient = goal.targeted() ? result.gradient().neg() : result.gradient();
        bestPoint = bestPoint == null ? point : Perturbations.select(improved, point, bestPoint);
        bestGradient = bestGradient == null ? gradient : Perturbations.select(improved, gradient, bestGradient);
        successPoint = successPoint == null ? point : Perturbations.select(achieved, point, successPoint);
        return gradient;
    }

    /**
     * Decides per image whether to halve the step size at a checkpoint: when fewer than {@code rho} of the steps
     * since the last checkpoint raised the loss, or when neither the step size nor the best loss changed since it.
     * Halved images restart from their best iterate.
     */
    private boolean[] checkpointDecision(int interval) {
        boolean[] reduce = new boolean[batch];
        for (int n = 0; n < batch; n++) {
            boolean fewImprovements = improvingSteps[n] < parameters.rho() * interval;
            boolean stalled = stepSize[n] == stepSizeAtCheckpoint[n] && bestLoss[n] == bestLossAtCheckpoint[n];
            reduce[n] = fewImprovements || stalled;
            if (reduce[n]) {
                stepSize[n] /= 2;
                previousLoss[n] = bestLoss[n];
            }
            stepSizeAtCheckpoint[n] = stepSize[n];
            bestLossAtCheckpoint[n] = bestLoss[n];
            improvingSteps[n] = 0;
        }
        return reduce;
    }

    /** Returns {@code P(x + alpha (z - x) + (1 - alpha)(x - previous))} with {@code z = P(x + eta * direction)}. */
    private INDArray step(INDArray current, INDArray previous, INDArray gradient, double alpha) {
        Norm norm = parameters.norm();
        INDArray direction = norm == Norm.L_INFINITY ? Perturbations.sign(gradient) : Perturbations.unitL2(gradient);
        INDArray scaled = perImage(direction, stepSize);
        double min = context.minValue();
        double max = context.maxValue();
        INDArray z = Perturbations.projectAndClip(input, current.add(scaled), norm, parameters.epsilon(), min, max);
        INDArray moved = current.add(z.sub(current).muli(alpha))
                .addi(current.sub(previous).muli(1 - alpha));
        return Perturbations.projectAndClip(input, moved, norm, parameters.epsilon(), min, max);
    }

    private static INDArray perImage(INDArray values, double[] factors) {
        long count = values.size(0);
        INDArray flat = values.reshape('c', count, values.length() / count);
        INDArray column = Nd4j.createFromArray(factors).reshape(count, 1).castTo(values.dataType());
        return flat.mulColumnVector(column).reshape(values.shape());
    }

    /** Returns, per image, the last iterate that met the goal, or else the iterate of highest loss. */
    INDArray adversarial() {
        return Perturbations.select(achievedEver, successPoint, bestPoint);
    }

    boolean[] achieved() {
        return achievedEver.clone();
    }

    double[] bestLoss() {
        return bestLoss.clone();
    }

    int passes() {
        return passes;
    }
}
