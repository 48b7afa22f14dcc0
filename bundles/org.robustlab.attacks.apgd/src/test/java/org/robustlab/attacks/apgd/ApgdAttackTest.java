package org.robustlab.attacks.apgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.AttackResult;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.testing.AttackFixtures;
import org.robustlab.testing.AttackGeneratorContractTest;
import org.robustlab.testing.RecordingModel;
import org.robustlab.testing.ReferenceClassifier;

class ApgdAttackTest extends AttackGeneratorContractTest<ApgdParameters> {

    private final ApgdAttack attack = new ApgdAttack();

    @Override
    protected AttackGenerator<ApgdParameters> attack() {
        return attack;
    }

    @Override
    protected String id() {
        return "apgd";
    }

    @Override
    protected Optional<ApgdParameters> parameters(Norm norm, double epsilon) {
        return Optional.of(new ApgdParameters(norm, epsilon, 5, 1, false, 0.75, 0.75));
    }

    @Override
    protected Optional<ApgdParameters> parametersWithRandomStart(Norm norm, double epsilon) {
        return Optional.of(new ApgdParameters(norm, epsilon, 5, 1, true, 0.75, 0.75));
    }

    /** The paper's schedule: p = 0, 0.22, 0.41, 0.57, 0.70, 0.80, 0.87, 0.93, 0.99, so w = ceil(100 p). */
    @Test
    void checkpointsFollowPaperSchedule() {
        assertThat(ApgdRun.checkpoints(100)).containsExactly(22, 41, 57, 70, 80, 87, 93, 99);
        assertThat(ApgdRun.checkpoints(10)).containsExactly(3, 5, 6, 7, 8, 9);
    }

    /**
     * Without a random start the first APGD step is {@code P(x + 2 epsilon sign(g))}, the FGSM point, so each image
     * either meets the goal or reaches at least the FGSM point's loss.
     */
    @Test
    void reachesAtLeastFgsmLoss() {
        ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE);
        INDArray images = AttackFixtures.images(4, new long[] {6, 1, 8, 8}, 0, 1);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        AttackGoal goal = AttackGoal.untargeted(labels, Branch.CLEAN);
        INDArray gradient = model.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN)
                .gradient();
        INDArray fgsm =
                Perturbations.clip(images.add(Perturbations.sign(gradient).mul(0.03)), 0, 1);
        RecordingModel recorder = new RecordingModel(model);

        AttackResult result = attack.generate(
                recorder,
                images,
                goal,
                new ApgdParameters(Norm.L_INFINITY, 0.03, 30, 1, false, 0.75, 0.75),
                AttackContext.unitRange(1));

        assertThat(result.gradientPasses()).isEqualTo(30);
        double[] fgsmLoss = losses(model, fgsm, labels);
        double[] apgdLoss = losses(model, result.adversarial(), labels);
        boolean[] fooled = goal.achieved(model.logits(result.adversarial(), Branch.CLEAN), Head.SOFTMAX);
        for (int n = 0; n < fgsmLoss.length; n++) {
            assertThat(fooled[n] || apgdLoss[n] >= fgsmLoss[n] - 1e-6)
                    .as("image %d: fooled %s or loss %s >= FGSM loss %s", n, fooled[n], apgdLoss[n], fgsmLoss[n])
                    .isTrue();
        }
    }

    private static double[] losses(ReferenceClassifier model, INDArray images, INDArray labels) {
        return model.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN)
                .objectives()
                .toDoubleVector();
    }
}
