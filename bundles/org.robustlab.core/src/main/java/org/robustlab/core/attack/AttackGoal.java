package org.robustlab.core.attack;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;

/**
 * What an attack aims at.
 *
 * @param labels [N, outputs]: the true labels of an untargeted attack, which it moves away from, or the target
 *     labels of a targeted attack, which it moves towards; one-hot for softmax heads, 0/1 for sigmoid heads
 * @param labelMask [N, outputs] with 0 for labels the loss ignores, or {@code null}
 * @param targeted whether the attack minimises the loss towards {@code labels} instead of maximising it
 * @param branch the batch-norm branch to attack through; Han et al. (2021) attack dual-BN models through the
 *     adversarial branch
 */
public record AttackGoal(INDArray labels, INDArray labelMask, boolean targeted, Branch branch) {

    public AttackGoal {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(branch, "branch");
    }

    /** Returns an untargeted goal away from {@code labels}. */
    public static AttackGoal untargeted(INDArray labels, Branch branch) {
        return new AttackGoal(labels, null, false, branch);
    }

    /** Returns a targeted goal towards {@code targets}. */
    public static AttackGoal targeted(INDArray targets, Branch branch) {
        return new AttackGoal(targets, null, true, branch);
    }

    /** Returns the model's loss against {@link #labels()}, with {@link #labelMask()}. */
    public Objective.Loss loss() {
        return new Objective.Loss(labels, labelMask);
    }

    /**
     * Checks that this goal and {@code input} fit {@code model} and {@code context}, so that an attack fails with
     * a clear message instead of deep inside the engine.
     *
     * @throws IllegalArgumentException when the input is not [N, C, H, W] with the model's channels, when the
     *     labels or the mask are not [N, outputs], when a softmax model gets a label mask, or when the input has
     *     values outside the context's valid range
     */
    public void validate(Model model, INDArray input, AttackContext context) {
        NetworkSpec spec = model.spec();
        if (input.rank() != 4 || input.size(1) != spec.inputChannels()) {
            throw new IllegalArgumentException("input must have shape [N, " + spec.inputChannels() + ", H, W], got "
                    + Arrays.toString(input.shape()));
        }
        long[] expected = {input.size(0), spec.outputs()};
        if (!Arrays.equals(labels.shape(), expected)) {
            throw new IllegalArgumentException("labels must have shape " + Arrays.toString(expected)
                    + " (batch size, model outputs), got " + Arrays.toString(labels.shape()));
        }
        if (labelMask != null && !Arrays.equals(labelMask.shape(), expected)) {
            throw new IllegalArgumentException("labelMask must have the labels' shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(labelMask.shape()));
        }
        if (labelMask != null && spec.head() == Head.SOFTMAX) {
            throw new IllegalArgumentException(
                    "A label mask needs a sigmoid head; this model has a softmax head, so pass labelMask null");
        }
        double min = input.minNumber().doubleValue();
        double max = input.maxNumber().doubleValue();
        if (!(min >= context.minValue() && max <= context.maxValue())) {
            throw new IllegalArgumentException("input values must lie in the valid range [" + context.minValue()
                    + ", " + context.maxValue() + "] of the attack context, found [" + min + ", " + max
                    + "]; normalize the images or set the context's range");
        }
    }

    /**
     * Returns, per image, whether {@code logits} meet this goal. For a softmax head the predicted class is the
     * largest logit and the label's class is the largest entry of its row: an untargeted goal is met when they
     * differ, a targeted goal when they agree. For a sigmoid head each label is predicted positive when its logit
     * is above 0 and counts as positive when it is at least 0.5: an untargeted goal is met when a counted label is
     * predicted wrongly, a targeted goal when every counted label is predicted as its target. Labels that
     * {@link #labelMask()} sets to 0 are not counted.
     *
     * @param logits [N, outputs]
     * @param head the model's output head
     * @throws IllegalArgumentException when {@code logits} and the labels differ in shape
     */
    public boolean[] achieved(INDArray logits, Head head) {
        if (!Arrays.equals(logits.shape(), labels.shape())) {
            throw new IllegalArgumentException("logits and labels differ in shape: " + Arrays.toString(logits.shape())
                    + " and " + Arrays.toString(labels.shape()));
        }
        double[][] z = rows(logits);
        double[][] y = rows(labels);
        double[][] mask = labelMask == null ? null : rows(labelMask);
        boolean[] result = new boolean[z.length];
        for (int n = 0; n < z.length; n++) {
            result[n] = head == Head.SOFTMAX
                    ? (argMax(z[n]) == argMax(y[n])) == targeted
                    : sigmoidAchieved(z[n], y[n], mask == null ? null : mask[n]);
        }
        return result;
    }

    private boolean sigmoidAchieved(double[] z, double[] y, double[] mask) {
        boolean allMatch = true;
        for (int k = 0; k < z.length; k++) {
            if (mask == null || mask[k] != 0) {
                allMatch &= (z[k] > 0) == (y[k] >= 0.5);
            }
        }
        return targeted == allMatch;
    }

    private static double[][] rows(INDArray matrix) {
        int rows = Math.toIntExact(matrix.size(0));
        int columns = Math.toIntExact(matrix.length() / rows);
        double[] flat =
                matrix.castTo(DataType.DOUBLE).dup('c').reshape(matrix.length()).toDoubleVector();
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
