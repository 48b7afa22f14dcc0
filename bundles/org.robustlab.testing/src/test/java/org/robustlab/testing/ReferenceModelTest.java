package org.robustlab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

class ReferenceModelTest {

    private static final Map<String, INDArray> TORCH = SaliencyTorchReference.arrays();

    @Test
    void logitsMatchPyTorchOnBothBranches() {
        Model model = SaliencyTorchReference.model(new ReferenceEngine());

        INDArray clean = model.logits(TORCH.get("input"), Branch.CLEAN);
        INDArray adversarial = model.logits(TORCH.get("input"), Branch.ADVERSARIAL);

        assertClose(clean, TORCH.get("logits_clean"), 1e-6);
        assertClose(adversarial, TORCH.get("logits_adversarial"), 1e-6);
    }

    @Test
    void inputGradientMatchesPyTorch() {
        Model model = SaliencyTorchReference.model(new ReferenceEngine());

        GradientResult result = model.inputGradient(
                TORCH.get("input"), new Objective.LogitWeights(TORCH.get("class_weights")), Branch.ADVERSARIAL);

        assertClose(result.gradient().sum(1), TORCH.get("vanilla_gradient"), 1e-6);
    }

    @Test
    void inputGradientMatchesCentralDifferences() {
        NetworkSpec spec = ReferenceNetworks.smallCnn(1, 2, Head.SIGMOID, Normalization.DUAL);
        Model model = ReferenceNetworks.create(spec, 4);
        java.util.Random random = new java.util.Random(3);
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        INDArray input = Nd4j.createFromArray(values).reshape(1, 1, 5, 4);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, 0}});
        Objective loss = Objective.Loss.of(labels);

        INDArray gradient = model.inputGradient(input, loss, Branch.ADVERSARIAL).gradient();

        double h = 2e-3;
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 4; x++) {
                INDArray plus = input.dup();
                INDArray minus = input.dup();
                plus.putScalar(new long[] {0, 0, y, x}, input.getDouble(0, 0, y, x) + h);
                minus.putScalar(new long[] {0, 0, y, x}, input.getDouble(0, 0, y, x) - h);
                double difference = (objective(model, plus, loss) - objective(model, minus, loss)) / (2 * h);
                assertThat(gradient.getDouble(0, 0, y, x)).as("(%d, %d)", y, x).isCloseTo(difference, within(1e-3));
            }
        }
    }

    @Test
    void softmaxLossMatchesClosedForm() {
        INDArray weights =
                Nd4j.createFromArray(new float[] {1, 0, 0, 0, 0, -1, 0, 0}).reshape(2, 1, 2, 2);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.zeros(2), Head.SOFTMAX);
        INDArray input = Nd4j.createFromArray(new float[] {2, 1, 0, 0}).reshape(1, 1, 2, 2);

        GradientResult result = model.inputGradient(
                input, Objective.Loss.of(Nd4j.createFromArray(new float[][] {{1, 0}})), Branch.CLEAN);

        // Logits (2, -1): CE = log(1 + e^-3); dCE/dz = (p0 - 1, p1) with p1 = 1 / (1 + e^3).
        double p1 = 1 / (1 + Math.exp(3));
        assertThat(result.objectives().getDouble(0)).isCloseTo(Math.log1p(Math.exp(-3)), within(1e-6));
        assertThat(result.gradient().getDouble(0, 0, 0, 0)).isCloseTo(-p1, within(1e-6));
        assertThat(result.gradient().getDouble(0, 0, 0, 1)).isCloseTo(-p1, within(1e-6));
    }

    @Test
    void camLayerGradientHasFeatureMapShape() {
        Model model = SaliencyTorchReference.model(new ReferenceEngine());

        LayerGradient result = model.layerGradient(
                TORCH.get("input"),
                ReferenceNetworks.SMALL_CNN_CAM_LAYER,
                new Objective.LogitWeights(TORCH.get("class_weights")),
                Branch.ADVERSARIAL);

        assertThat(result.activation().shape()).containsExactly(2, 6, 6, 5);
        assertThat(result.gradient().shape()).containsExactly(2, 6, 6, 5);
        assertClose(result.logits(), TORCH.get("logits_adversarial"), 1e-6);
    }

    @Test
    void missingParameterIsRejected() {
        NetworkSpec spec = ReferenceNetworks.smallCnn(1, 2, Head.SOFTMAX, Normalization.SINGLE);
        Map<String, INDArray> parameters = new LinkedHashMap<>(ReferenceNetworks.parameters(spec, 1));
        parameters.remove("conv2.bias");

        assertThatThrownBy(() -> new ReferenceEngine().create(spec, parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2.bias");
    }

    @Test
    void parametersRoundTrip() {
        NetworkSpec spec = ReferenceNetworks.smallCnn(1, 2, Head.SOFTMAX, Normalization.DUAL);
        Map<String, INDArray> parameters = ReferenceNetworks.parameters(spec, 9);

        Map<String, INDArray> copy =
                new ReferenceEngine().create(spec, parameters).parameters();

        assertThat(copy.keySet()).containsExactlyElementsOf(spec.parameters().keySet());
        parameters.forEach((name, value) -> assertThat(copy.get(name)).as(name).isEqualTo(value));
    }

    private static double objective(Model model, INDArray input, Objective objective) {
        return model.inputGradient(input, objective, Branch.ADVERSARIAL)
                .objectives()
                .getDouble(0);
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(tolerance));
        }
    }
}
