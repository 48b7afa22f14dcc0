package org.robustlab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;

class ReferenceClassifierTest {

    private static final ReferenceClassifier.Geometry GEOMETRY = new ReferenceClassifier.Geometry(2, 3, 2, 3);

    private static ReferenceClassifier model(Head head) {
        return ReferenceClassifier.random(5, GEOMETRY, head, Normalization.DUAL);
    }

    private static List<Objective> objectives(ReferenceClassifier model, INDArray images) {
        INDArray labels = AttackFixtures.predictedLabels(model, images, Branch.CLEAN);
        INDArray weights = Nd4j.createFromArray(new float[][] {{1, -2, 0.5f}, {0, 3, -1}});
        INDArray reference = Nd4j.createFromArray(new float[][] {{0.2f, 0.3f, 0.5f}, {0.7f, 0.1f, 0.2f}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 0, 1}, {1, 1, 0}});
        return model.spec().head() == Head.SOFTMAX
                ? List.of(
                        Objective.Loss.of(labels),
                        new Objective.LogitWeights(weights),
                        new Objective.Divergence(reference))
                : List.of(
                        Objective.Loss.of(labels),
                        new Objective.Loss(labels, mask),
                        new Objective.LogitWeights(weights));
    }

    @Test
    void inputGradientMatchesCentralDifferences() {
        for (Head head : Head.values()) {
            ReferenceClassifier model = model(head);
            INDArray images = AttackFixtures.images(3, GEOMETRY.inputShape(2), 0, 1);
            for (Objective objective : objectives(model, images)) {
                for (Branch branch : Branch.values()) {
                    double[] analytic =
                            flat(model.inputGradient(images, objective, branch).gradient());
                    for (int i = 0; i < analytic.length; i++) {
                        double numeric = centralDifference(model, images, objective, branch, i);
                        assertThat(analytic[i])
                                .as("d/dx[%d] of %s, head %s, branch %s", i, objective.getClass(), head, branch)
                                .isCloseTo(numeric, within(2e-3 + 2e-3 * Math.abs(numeric)));
                    }
                }
            }
        }
    }

    private static double centralDifference(
            ReferenceClassifier model, INDArray images, Objective objective, Branch branch, int index) {
        double step = 1e-2;
        INDArray plus = images.dup();
        INDArray minus = images.dup();
        double value = images.getDouble(index);
        plus.putScalar(index, value + step);
        minus.putScalar(index, value - step);
        double up = model.inputGradient(plus, objective, branch)
                .objectives()
                .sumNumber()
                .doubleValue();
        double down = model.inputGradient(minus, objective, branch)
                .objectives()
                .sumNumber()
                .doubleValue();
        return (up - down) / (2 * step);
    }

    @Test
    void zeroWeightsGiveUniformLosses() {
        ReferenceClassifier model = model(Head.SOFTMAX).withWeightScale(0);
        ReferenceClassifier sigmoid = model(Head.SIGMOID).withWeightScale(0);
        INDArray images = AttackFixtures.images(3, GEOMETRY.inputShape(2), 0, 1);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 0, 1}});

        GradientResult softmax = model.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN);
        GradientResult binary = sigmoid.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN);

        assertThat(softmax.objectives().getDouble(0)).isCloseTo(Math.log(3), within(1e-6));
        assertThat(binary.objectives().getDouble(1)).isCloseTo(3 * Math.log(2), within(1e-6));
        assertThat(softmax.gradient().amaxNumber().doubleValue()).isZero();
    }

    @Test
    void divergenceFromOwnPredictionIsZero() {
        ReferenceClassifier model = model(Head.SOFTMAX);
        INDArray images = AttackFixtures.images(3, GEOMETRY.inputShape(2), 0, 1);
        double[][] logits = AttackFixtures.rows(model.logits(images, Branch.CLEAN));
        float[][] softmax = new float[logits.length][logits[0].length];
        for (int n = 0; n < logits.length; n++) {
            double sum = 0;
            for (double z : logits[n]) {
                sum += Math.exp(z);
            }
            for (int k = 0; k < logits[n].length; k++) {
                softmax[n][k] = (float) (Math.exp(logits[n][k]) / sum);
            }
        }
        INDArray probabilities = Nd4j.createFromArray(softmax);

        GradientResult result = model.inputGradient(images, new Objective.Divergence(probabilities), Branch.CLEAN);

        assertThat(result.objectives().amaxNumber().doubleValue()).isLessThan(1e-6);
        assertThat(result.gradient().amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void batchNormUsesBranchStatistics() {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        ReferenceClassifier.spec(GEOMETRY, Head.SOFTMAX, Normalization.DUAL)
                .parameters()
                .forEach((name, tensor) -> parameters.put(name, Nd4j.zeros(DataType.FLOAT, tensor.shape())));
        parameters.put("bn.weight", Nd4j.valueArrayOf(new long[] {2}, 2f));
        parameters.put("bn.bias", Nd4j.valueArrayOf(new long[] {2}, 1f));
        parameters.put("bn.running_mean", Nd4j.valueArrayOf(new long[] {2}, 0.5f));
        parameters.put("bn.running_var", Nd4j.valueArrayOf(new long[] {2}, 0.25f));
        parameters.put("bn.adversarial.weight", Nd4j.valueArrayOf(new long[] {2}, 1f));
        parameters.put("bn.adversarial.running_var", Nd4j.valueArrayOf(new long[] {2}, 1f));
        ReferenceClassifier model = ReferenceClassifier.create(GEOMETRY, Head.SOFTMAX, Normalization.DUAL, parameters);
        INDArray images = Nd4j.valueArrayOf(GEOMETRY.inputShape(1), 0.75f);
        Objective objective = new Objective.LogitWeights(Nd4j.createFromArray(new float[][] {{1, 0, 0}}));

        LayerGradient clean = model.layerGradient(images, ReferenceClassifier.NORM_LAYER, objective, Branch.CLEAN);
        LayerGradient adversarial =
                model.layerGradient(images, ReferenceClassifier.NORM_LAYER, objective, Branch.ADVERSARIAL);

        double expectedClean = (0.75 - 0.5) / Math.sqrt(0.25 + 1e-5) * 2 + 1;
        double expectedAdversarial = 0.75 / Math.sqrt(1 + 1e-5);
        assertThat(clean.activation().getDouble(0)).isCloseTo(expectedClean, within(1e-6));
        assertThat(adversarial.activation().getDouble(0)).isCloseTo(expectedAdversarial, within(1e-6));
    }

    @Test
    void inputGradientIsLayerGradientTimesChannelScale() {
        ReferenceClassifier model = model(Head.SOFTMAX);
        INDArray images = AttackFixtures.images(3, GEOMETRY.inputShape(2), 0, 1);
        Objective objective = objectives(model, images).get(0);

        double[] input =
                flat(model.inputGradient(images, objective, Branch.ADVERSARIAL).gradient());
        double[] layer = flat(
                model.layerGradient(images, "bn", objective, Branch.ADVERSARIAL).gradient());
        double[] scale = model.channelScale(Branch.ADVERSARIAL);

        int plane = GEOMETRY.height() * GEOMETRY.width();
        for (int i = 0; i < input.length; i++) {
            int channel = i / plane % GEOMETRY.channels();
            assertThat(input[i]).isCloseTo(layer[i] * scale[channel], within(1e-6));
        }
    }

    @Test
    void dualBranchesGiveDifferentLogits() {
        ReferenceClassifier model = model(Head.SOFTMAX);
        INDArray images = AttackFixtures.images(3, GEOMETRY.inputShape(2), 0, 1);

        INDArray clean = model.logits(images, Branch.CLEAN);
        INDArray adversarial = model.logits(images, Branch.ADVERSARIAL);

        assertThat(clean.sub(adversarial).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }

    @Test
    void invalidParametersAndInputsAreRejected() {
        Map<String, INDArray> parameters = model(Head.SOFTMAX).parameters();
        parameters.remove("bn.adversarial.weight");
        ReferenceClassifier model = model(Head.SOFTMAX);

        assertThatThrownBy(() -> ReferenceClassifier.create(GEOMETRY, Head.SOFTMAX, Normalization.DUAL, parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bn.adversarial.weight");
        assertThatThrownBy(() -> model.logits(Nd4j.zeros(DataType.FLOAT, 1, 2, 2, 3), Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 2, 2, 3]");
        assertThatThrownBy(() -> model.layerGradient(
                        Nd4j.zeros(DataType.FLOAT, GEOMETRY.inputShape(1)),
                        "conv1",
                        Objective.Loss.of(Nd4j.zeros(DataType.FLOAT, 1, 3)),
                        Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv1");
    }

    @Test
    void closedModelRejectsCalls() {
        ReferenceClassifier model = model(Head.SOFTMAX);
        model.close();

        assertThatThrownBy(() -> model.logits(Nd4j.zeros(DataType.FLOAT, GEOMETRY.inputShape(1)), Branch.CLEAN))
                .isInstanceOf(IllegalStateException.class);
    }

    private static double[] flat(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').reshape(array.length()).toDoubleVector();
    }
}
