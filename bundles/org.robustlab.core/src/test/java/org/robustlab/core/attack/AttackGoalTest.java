package org.robustlab.core.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;

class AttackGoalTest {

    private static final INDArray LOGITS = Nd4j.createFromArray(new float[][] {{2, 1, 0}, {0, 3, 1}});

    @Test
    void untargetedSoftmaxGoalIsMetWhenTopClassDiffers() {
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {1, 0, 0}});

        boolean[] achieved = AttackGoal.untargeted(labels, Branch.CLEAN).achieved(LOGITS, Head.SOFTMAX);

        assertThat(achieved).containsExactly(false, true);
    }

    @Test
    void targetedSoftmaxGoalIsMetWhenTopClassIsTarget() {
        INDArray targets = Nd4j.createFromArray(new float[][] {{0, 1, 0}, {0, 1, 0}});

        boolean[] achieved = AttackGoal.targeted(targets, Branch.CLEAN).achieved(LOGITS, Head.SOFTMAX);

        assertThat(achieved).containsExactly(false, true);
    }

    @Test
    void sigmoidGoalsCountOnlyUnmaskedLabels() {
        INDArray logits = Nd4j.createFromArray(new float[][] {{1, -1, 2}, {1, -1, 2}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {1, 0, 1}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 0}, {1, 1, 1}});

        boolean[] untargeted = new AttackGoal(labels, mask, false, Branch.CLEAN).achieved(logits, Head.SIGMOID);
        boolean[] targeted = new AttackGoal(labels, mask, true, Branch.CLEAN).achieved(logits, Head.SIGMOID);
        boolean[] unmasked = new AttackGoal(labels, null, false, Branch.CLEAN).achieved(logits, Head.SIGMOID);

        assertThat(untargeted).containsExactly(false, false);
        assertThat(targeted).containsExactly(true, true);
        assertThat(unmasked).containsExactly(true, false);
    }

    @Test
    void selectTakesWholeImagesFromEachSide() {
        INDArray ones = Nd4j.ones(3, 1, 2, 2);
        INDArray zeros = Nd4j.zeros(3, 1, 2, 2);

        INDArray selected = Perturbations.select(new boolean[] {true, false, true}, ones, zeros);

        assertThat(selected.sum(1, 2, 3).toDoubleVector()).containsExactly(4, 0, 4);
    }
}
