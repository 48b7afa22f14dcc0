package org.robustlab.ui.attacks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;

/**
 * One model's result of attacking one image: the adversarial image and the class probabilities before and after.
 * The attack is untargeted against the model's own prediction on the clean image.
 *
 * @param model the model name
 * @param branch the batch-norm branch the model ran through
 * @param adversarial the adversarial image, [1, C, H, W]
 * @param before class probabilities on the clean image
 * @param after class probabilities on the adversarial image
 * @param gradientPasses the forward and backward passes the attack used
 */
public record AttackOutcome(
        String model, Branch branch, INDArray adversarial, double[] before, double[] after, int gradientPasses) {

    /** Attacks {@code input} ([1, C, H, W] in [0, 1]) on {@code model} through {@code branch}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static AttackOutcome run(
            String name,
            Model model,
            Branch branch,
            Head head,
            INDArray input,
            AttackGenerator generator,
            Record parameters,
            long seed) {
        double[] before = probabilities(model.logits(input, branch), head);
        INDArray labels = Nd4j.zeros(1, before.length);
        if (head == Head.SOFTMAX) {
            labels.putScalar(0, argmax(before), 1);
        } else {
            for (int k = 0; k < before.length; k++) {
                labels.putScalar(0, k, before[k] >= 0.5 ? 1 : 0);
            }
        }
        AttackGoal goal = AttackGoal.untargeted(labels, branch);
        var result = generator.generate(model, input, goal, parameters, AttackContext.unitRange(seed));
        double[] after = probabilities(model.logits(result.adversarial(), branch), head);
        return new AttackOutcome(name, branch, result.adversarial(), before, after, result.gradientPasses());
    }

    /** Returns the probabilities of logits [1, outputs]: softmax for one class per image, else sigmoid. */
    static double[] probabilities(INDArray logits, Head head) {
        INDArray row = logits.reshape(1, logits.length()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray probabilities = head == Head.SOFTMAX ? Transforms.softmax(row, true) : Transforms.sigmoid(row, true);
        return probabilities.toDoubleVector();
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
