package org.robustlab.attacks.fgsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.attack.AttackContext;
import org.robustlab.core.attack.AttackGenerator;
import org.robustlab.core.attack.AttackGoal;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.testing.AttackFixtures;
import org.robustlab.testing.AttackGeneratorContractTest;
import org.robustlab.testing.RecordingModel;
import org.robustlab.testing.ReferenceClassifier;
import org.robustlab.testing.TorchReference;

class FgsmAttackTest extends AttackGeneratorContractTest<FgsmParameters> {

    private final FgsmAttack attack = new FgsmAttack();

    @Override
    protected AttackGenerator<FgsmParameters> attack() {
        return attack;
    }

    @Override
    protected String id() {
        return "fgsm";
    }

    @Override
    protected Optional<FgsmParameters> parameters(Norm norm, double epsilon) {
        return Optional.of(FgsmParameters.of(norm, epsilon));
    }

    @Override
    protected Optional<FgsmParameters> parametersWithRandomStart(Norm norm, double epsilon) {
        return Optional.of(new FgsmParameters(norm, epsilon, true, 1.25));
    }

    @Test
    void matchesPyTorchOnReferenceNetwork() {
        TorchReference reference = TorchReference.load();
        for (Head head : Head.values()) {
            ReferenceClassifier model = reference.classifier(head);
            for (boolean targeted : new boolean[] {false, true}) {
                INDArray labels = targeted ? reference.targets(head) : reference.labels(head);
                AttackGoal goal = new AttackGoal(labels, null, targeted, Branch.CLEAN);

                INDArray linf = attack.generate(
                                model,
                                reference.images(),
                                goal,
                                FgsmParameters.of(Norm.L_INFINITY, 0.03),
                                AttackContext.unitRange(1))
                        .adversarial();
                INDArray l2 = attack.generate(
                                model,
                                reference.images(),
                                goal,
                                FgsmParameters.of(Norm.L2, 0.5),
                                AttackContext.unitRange(1))
                        .adversarial();

                assertClose(linf, reference.adversarial(head, "fgsm", "linf", targeted), head + " FGSM");
                assertClose(l2, reference.adversarial(head, "fgsm", "l2", targeted), head + " FGM");
            }
        }
    }

    private static void assertClose(INDArray actual, INDArray expected, String description) {
        double difference = actual.castTo(DataType.DOUBLE)
                .sub(expected.castTo(DataType.DOUBLE))
                .amaxNumber()
                .doubleValue();
        assertThat(difference)
                .as("largest difference from PyTorch, %s", description)
                .isLessThan(1e-5);
    }

    @Test
    void randomStartIsClippedBeforeTheGradient() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 8, 8, 3);
        ReferenceClassifier model = ReferenceClassifier.random(3, geometry, Head.SOFTMAX, Normalization.SINGLE);
        RecordingModel recorder = new RecordingModel(model);
        INDArray images = AttackFixtures.halfAndHalf(geometry.inputShape(4), 0, 1);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);

        INDArray adversarial = attack.generate(
                        recorder,
                        images,
                        AttackGoal.untargeted(labels, Branch.CLEAN),
                        new FgsmParameters(Norm.L_INFINITY, 0.1, true, 1.25),
                        AttackContext.unitRange(42))
                .adversarial();

        assertThat(recorder.calls()).hasSize(1);
        assertThat(recorder.calls().get(0).min()).isGreaterThanOrEqualTo(0);
        assertThat(recorder.calls().get(0).max()).isLessThanOrEqualTo(1);
        float[] clean = images.reshape(images.length()).toFloatVector();
        float[] result = adversarial.reshape(adversarial.length()).toFloatVector();
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] == 0) {
                assertThat(result[i]).as("pixel %d at 0", i).isBetween(0f, 0.1f);
            } else {
                assertThat(result[i]).as("pixel %d at 1", i).isBetween(0.9f, 1f);
            }
        }
    }

    @Test
    void fgmWithTinyGradientTakesFullStep() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 4, 4, 2);
        ReferenceClassifier model = ReferenceClassifier.random(3, geometry, Head.SOFTMAX, Normalization.SINGLE)
                .withWeightScale(1e-25);
        INDArray images = AttackFixtures.images(5, geometry.inputShape(2), 0.3, 0.7);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);

        INDArray adversarial = attack.generate(
                        model,
                        images,
                        AttackGoal.untargeted(labels, Branch.CLEAN),
                        FgsmParameters.of(Norm.L2, 0.2),
                        AttackContext.unitRange(1))
                .adversarial();

        for (double distance : Perturbations.norms(adversarial.sub(images), Norm.L2)) {
            assertThat(distance).isCloseTo(0.2, within(1e-5));
        }
    }
}
