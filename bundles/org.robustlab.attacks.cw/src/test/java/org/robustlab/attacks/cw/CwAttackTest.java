package org.robustlab.attacks.cw;

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
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.testing.AttackFixtures;
import org.robustlab.testing.AttackGeneratorContractTest;
import org.robustlab.testing.ReferenceClassifier;

class CwAttackTest extends AttackGeneratorContractTest<CwParameters> {

    private final CwAttack attack = new CwAttack();

    @Override
    protected AttackGenerator<CwParameters> attack() {
        return attack;
    }

    @Override
    protected String id() {
        return "cw";
    }

    @Override
    protected Optional<CwParameters> parameters(Norm norm, double epsilon) {
        return norm == Norm.L2 ? Optional.of(new CwParameters(0, 0.05, 30, 3, 1, true, epsilon)) : Optional.empty();
    }

    /**
     * On a two-class affine classifier the smallest L2 perturbation that changes the class has length
     * |z_1 - z_0| / ||(W_1 - W_0) * s||, where s is the batch-norm scale of each pixel's channel. Carlini-Wagner
     * must fool every image with a perturbation at most 5% longer.
     */
    @Test
    void findsNearlyMinimalPerturbationOnAffineModel() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 6, 6, 2);
        ReferenceClassifier model = ReferenceClassifier.random(11, geometry, Head.SOFTMAX, Normalization.SINGLE)
                .withWeightScale(8);
        INDArray images = AttackFixtures.images(2, geometry.inputShape(4), 0.35, 0.65);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        CwParameters parameters = new CwParameters(0, 0.01, 300, 9, 1e-3, false, Double.POSITIVE_INFINITY);

        AttackResult result = attack.generate(
                model, images, AttackGoal.untargeted(labels, Branch.CLEAN), parameters, AttackContext.unitRange(1));

        double[] minimal = boundaryDistances(model, images);
        double[] actual = Perturbations.norms(result.adversarial().sub(images), Norm.L2);
        boolean[] fooled = AttackGoal.untargeted(labels, Branch.CLEAN)
                .achieved(model.logits(result.adversarial(), Branch.CLEAN), Head.SOFTMAX);
        for (int n = 0; n < actual.length; n++) {
            assertThat(fooled[n]).as("image %d fooled", n).isTrue();
            assertThat(actual[n]).as("image %d distance", n).isBetween(minimal[n] * 0.999, minimal[n] * 1.05);
        }
    }

    private static double[] boundaryDistances(ReferenceClassifier model, INDArray images) {
        double[][] weight = model.denseWeight();
        double[] scale = model.channelScale(Branch.CLEAN);
        double[][] logits = AttackFixtures.rows(model.logits(images, Branch.CLEAN));
        int plane = model.geometry().height() * model.geometry().width();
        double squares = 0;
        for (int i = 0; i < weight[0].length; i++) {
            double w = (weight[1][i] - weight[0][i]) * scale[i / plane];
            squares += w * w;
        }
        double[] distances = new double[logits.length];
        for (int n = 0; n < logits.length; n++) {
            distances[n] = Math.abs(logits[n][1] - logits[n][0]) / Math.sqrt(squares);
        }
        return distances;
    }

    @Test
    void confidenceWidensMargin() {
        ReferenceClassifier model =
                classifier(Head.SOFTMAX, Normalization.SINGLE).withWeightScale(8);
        INDArray images = AttackFixtures.images(3, new long[] {2, 1, 8, 8}, 0.3, 0.7);
        INDArray targets =
                AttackFixtures.otherTargets(AttackFixtures.predictedLabels(model, images, Branch.CLEAN), Head.SOFTMAX);
        CwParameters parameters = new CwParameters(2, 0.01, 200, 6, 0.1, false, Double.POSITIVE_INFINITY);

        INDArray adversarial = attack.generate(
                        model,
                        images,
                        AttackGoal.targeted(targets, Branch.CLEAN),
                        parameters,
                        AttackContext.unitRange(1))
                .adversarial();

        double[][] logits = AttackFixtures.rows(model.logits(adversarial, Branch.CLEAN));
        double[][] targetRows = AttackFixtures.rows(targets);
        for (int n = 0; n < logits.length; n++) {
            int target = AttackFixtures.argMax(targetRows[n]);
            for (int k = 0; k < logits[n].length; k++) {
                if (k != target) {
                    assertThat(logits[n][target] - logits[n][k])
                            .as("margin of image %d over class %d", n, k)
                            .isGreaterThanOrEqualTo(2 - 1e-4);
                }
            }
        }
    }
}
