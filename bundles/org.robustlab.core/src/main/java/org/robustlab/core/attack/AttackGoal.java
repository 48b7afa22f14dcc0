package org.robustlab.core.attack;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Branch;

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
}
