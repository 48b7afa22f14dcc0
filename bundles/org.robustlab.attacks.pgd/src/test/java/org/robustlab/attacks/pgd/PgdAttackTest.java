package org.robustlab.attacks.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
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
import org.robustlab.testing.TorchReference;

class PgdAttackTest extends AttackGeneratorContractTest<PgdParameters> {

    private final PgdAttack attack = new PgdAttack();

    @Override
    protected AttackGenerator<PgdParameters> attack() {
        return attack;
    }

    @Override
    protected String id() {
        return "pgd";
    }

    @Override
    protected Optional<PgdParameters> parameters(Norm norm, double epsilon) {
        return Optional.of(PgdParameters.of(norm, epsilon, epsilon / 4, 5, false));
    }

    @Override
    protected Optional<PgdParameters> parametersWithRandomStart(Norm norm, double epsilon) {
        return Optional.of(PgdParameters.of(norm, epsilon, epsilon / 4, 5, true));
    }

    @Test
    void matchesPyTorchOnReferenceNetwork() {
        TorchReference reference = TorchReference.load();
        for (Head head : Head.values()) {
            ReferenceClassifier model = reference.classifier(head);
            for (boolean targeted : new boolean[] {false, true}) {
                INDArray labels = targeted ? reference.targets(head) : reference.labels(head);
                AttackGoal goal = new AttackGoal(labels, null, targeted, Branch.CLEAN);
                PgdParameters linf = PgdParameters.of(Norm.L_INFINITY, 0.03, 0.01, 10, false);
                PgdParameters l2 = PgdParameters.of(Norm.L2, 0.5, 0.1, 10, false);

                INDArray linfResult = attack.generate(model, reference.images(), goal, linf, AttackContext.unitRange(1))
                        .adversarial();
                INDArray l2Result = attack.generate(model, reference.images(), goal, l2, AttackContext.unitRange(1))
                        .adversarial();

                assertClose(linfResult, reference.adversarial(head, "pgd", "linf", targeted), head + " linf");
                assertClose(l2Result, reference.adversarial(head, "pgd", "l2", targeted), head + " l2");
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
    void randomStartIsClippedBeforeFirstGradient() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 8, 8, 3);
        ReferenceClassifier model = ReferenceClassifier.random(3, geometry, Head.SOFTMAX, Normalization.SINGLE);
        RecordingModel recorder = new RecordingModel(model);
        INDArray images = AttackFixtures.halfAndHalf(geometry.inputShape(4), 0, 1);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        PgdParameters parameters = PgdParameters.of(Norm.L_INFINITY, 0.1, 0.025, 5, true);

        INDArray adversarial = attack.generate(
                        recorder,
                        images,
                        AttackGoal.untargeted(labels, Branch.CLEAN),
                        parameters,
                        AttackContext.unitRange(42))
                .adversarial();

        assertThat(recorder.calls()).hasSize(5);
        for (RecordingModel.Call call : recorder.calls()) {
            assertThat(call.min()).isGreaterThanOrEqualTo(0);
            assertThat(call.max()).isLessThanOrEqualTo(1);
        }
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
    void zeroGradientLeavesImageUnchangedInL2() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 4, 4, 2);
        ReferenceClassifier model = ReferenceClassifier.random(3, geometry, Head.SOFTMAX, Normalization.SINGLE)
                .withWeightScale(0);
        INDArray images = AttackFixtures.images(5, geometry.inputShape(1), 0, 1);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);

        INDArray adversarial = attack.generate(
                        model,
                        images,
                        AttackGoal.untargeted(labels, Branch.CLEAN),
                        PgdParameters.of(Norm.L2, 1.0, 0.25, 10, false),
                        AttackContext.unitRange(1))
                .adversarial();

        AttackFixtures.assertIdentical(adversarial, images, "PGD-L2 with zero gradient");
    }

    @Test
    void tinyGradientStillTakesFullL2Steps() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 8, 8, 2);
        ReferenceClassifier model = ReferenceClassifier.random(3, geometry, Head.SOFTMAX, Normalization.SINGLE)
                .withWeightScale(1e-25);
        INDArray images = AttackFixtures.images(5, geometry.inputShape(2), 0.3, 0.7);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);

        INDArray adversarial = attack.generate(
                        model,
                        images,
                        AttackGoal.untargeted(labels, Branch.CLEAN),
                        PgdParameters.of(Norm.L2, 0.5, 0.2, 1, false),
                        AttackContext.unitRange(1))
                .adversarial();

        for (double distance : Perturbations.norms(adversarial.sub(images), Norm.L2)) {
            assertThat(distance).isCloseTo(0.2, within(1e-5));
        }
    }

    @Test
    void earlyStopFreezesImagesThatAlreadySucceed() {
        ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE);
        INDArray images = AttackFixtures.images(5, new long[] {3, 1, 8, 8}, 0, 1);
        INDArray wrongLabels =
                AttackFixtures.otherTargets(AttackFixtures.predictedLabels(model, images, Branch.CLEAN), Head.SOFTMAX);
        PgdParameters parameters = new PgdParameters(Norm.L_INFINITY, 0.1, 0.02, 10, false, true, 1);

        AttackResult result = attack.generate(
                model,
                images,
                AttackGoal.untargeted(wrongLabels, Branch.CLEAN),
                parameters,
                AttackContext.unitRange(1));

        assertThat(result.gradientPasses()).isEqualTo(1);
        AttackFixtures.assertIdentical(result.adversarial(), images, "images already misclassified");
    }

    @Test
    void restartsKeepStrongestRunAndCountScoringPasses() {
        ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE);
        INDArray images = AttackFixtures.images(5, new long[] {4, 1, 8, 8}, 0, 1);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        AttackGoal goal = AttackGoal.untargeted(labels, Branch.CLEAN);
        PgdParameters single = PgdParameters.of(Norm.L_INFINITY, 0.05, 0.01, 3, true);
        PgdParameters three = new PgdParameters(Norm.L_INFINITY, 0.05, 0.01, 3, true, false, 3);

        AttackResult first = attack.generate(model, images, goal, single, AttackContext.unitRange(9));
        AttackResult best = attack.generate(model, images, goal, three, AttackContext.unitRange(9));

        assertThat(best.gradientPasses()).isEqualTo(3 * (3 + 1));
        double[] firstLosses = perImageLoss(model, first.adversarial(), labels);
        double[] bestLosses = perImageLoss(model, best.adversarial(), labels);
        for (int i = 0; i < firstLosses.length; i++) {
            assertThat(bestLosses[i]).as("image %d", i).isGreaterThanOrEqualTo(firstLosses[i] - 1e-6);
        }
    }

    private static double[] perImageLoss(ReferenceClassifier model, INDArray images, INDArray labels) {
        return model.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN)
                .objectives()
                .toDoubleVector();
    }
}
