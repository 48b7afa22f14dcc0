package org.robustlab.attacks.deepfool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

class DeepFoolAttackTest extends AttackGeneratorContractTest<DeepFoolParameters> {

    private final DeepFoolAttack attack = new DeepFoolAttack();

    @Override
    protected AttackGenerator<DeepFoolParameters> attack() {
        return attack;
    }

    @Override
    protected String id() {
        return "deepfool";
    }

    @Override
    protected Optional<DeepFoolParameters> parameters(Norm norm, double epsilon) {
        return Optional.of(new DeepFoolParameters(norm, epsilon, 10, 0.02, 9));
    }

    @Override
    protected boolean supportsTargeted() {
        return false;
    }

    @Override
    protected boolean supportsHead(Head head) {
        return head == Head.SOFTMAX;
    }

    /**
     * For an affine classifier the nearest boundary between the label's class y and class k lies at L2 distance
     * |z_k - z_y| / ||(W_k - W_y) * s||, where s is the batch-norm scale of each pixel's channel. DeepFool must
     * reach the closest of them in one step, scaled by 1 + overshoot.
     */
    @Test
    void reachesNearestAffineBoundaryInOneStep() {
        ReferenceClassifier.Geometry geometry = new ReferenceClassifier.Geometry(1, 6, 6, 4);
        ReferenceClassifier model = ReferenceClassifier.random(11, geometry, Head.SOFTMAX, Normalization.SINGLE)
                .withWeightScale(8);
        INDArray images = AttackFixtures.images(2, geometry.inputShape(5), 0.35, 0.65);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        DeepFoolParameters parameters = new DeepFoolParameters(Norm.L2, Double.POSITIVE_INFINITY, 50, 0.02, 9);

        AttackResult result = attack.generate(
                model, images, AttackGoal.untargeted(labels, Branch.CLEAN), parameters, AttackContext.unitRange(1));

        double[] expected = nearestBoundaryDistances(model, images, labels);
        double[] actual = Perturbations.norms(result.adversarial().sub(images), Norm.L2);
        boolean[] fooled = AttackGoal.untargeted(labels, Branch.CLEAN)
                .achieved(model.logits(result.adversarial(), Branch.CLEAN), Head.SOFTMAX);
        for (int n = 0; n < actual.length; n++) {
            assertThat(fooled[n]).as("image %d fooled", n).isTrue();
            assertThat(actual[n]).as("image %d distance", n).isCloseTo(1.02 * expected[n], within(1e-4));
        }
    }

    private static double[] nearestBoundaryDistances(ReferenceClassifier model, INDArray images, INDArray labels) {
        double[][] weight = model.denseWeight();
        double[] scale = model.channelScale(Branch.CLEAN);
        double[][] logits = AttackFixtures.rows(model.logits(images, Branch.CLEAN));
        double[][] labelRows = AttackFixtures.rows(labels);
        int plane = model.geometry().height() * model.geometry().width();
        double[] distances = new double[logits.length];
        for (int n = 0; n < logits.length; n++) {
            int y = AttackFixtures.argMax(labelRows[n]);
            distances[n] = Double.POSITIVE_INFINITY;
            for (int k = 0; k < weight.length; k++) {
                if (k == y) {
                    continue;
                }
                double squares = 0;
                for (int i = 0; i < weight[k].length; i++) {
                    double w = (weight[k][i] - weight[y][i]) * scale[i / plane];
                    squares += w * w;
                }
                double gap = Math.abs(logits[n][k] - logits[n][y]) + 1e-4;
                distances[n] = Math.min(distances[n], gap / Math.sqrt(squares));
            }
        }
        return distances;
    }

    @Test
    void l2NormOfTinyVectorDoesNotUnderflow() {
        double[] vector = new double[16];
        java.util.Arrays.fill(vector, 1e-160);

        assertThat(DeepFoolAttack.l2(vector)).isCloseTo(4e-160, within(1e-170));
    }

    @Test
    void budgetProjectsOntoBall() {
        ReferenceClassifier model = classifier(Head.SOFTMAX, Normalization.SINGLE);
        INDArray images = AttackFixtures.images(2, new long[] {4, 1, 8, 8}, 0, 1);
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);

        AttackResult result = attack.generate(
                model,
                images,
                AttackGoal.untargeted(labels, Branch.CLEAN),
                new DeepFoolParameters(Norm.L2, 0.05, 50, 0.02, 9),
                AttackContext.unitRange(1));

        for (double distance : Perturbations.norms(result.adversarial().sub(images), Norm.L2)) {
            assertThat(distance).isLessThanOrEqualTo(0.05 + 1e-6);
        }
    }
}
