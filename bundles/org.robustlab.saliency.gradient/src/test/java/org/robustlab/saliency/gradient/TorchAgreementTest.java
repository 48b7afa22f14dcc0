package org.robustlab.saliency.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.SaliencyTorchReference;

/** Compares the gradient methods on the reference CNN with maps that PyTorch computed on the same weights. */
class TorchAgreementTest {

    private static final Map<String, INDArray> TORCH = SaliencyTorchReference.arrays();

    private final Model model = SaliencyTorchReference.model(new ReferenceEngine());

    private final INDArray input = TORCH.get("input");

    private SaliencyTarget target(Branch branch) {
        return new SaliencyTarget(TORCH.get("class_weights"), branch);
    }

    @Test
    void vanillaGradientMatchesOnBothBranches() {
        VanillaGradientSaliency method = new VanillaGradientSaliency();

        INDArray adversarial = method.explain(
                        model, input, target(Branch.ADVERSARIAL), method.defaultParameters(), SaliencyContext.of(0))
                .maps();
        INDArray clean = method.explain(
                        model, input, target(Branch.CLEAN), method.defaultParameters(), SaliencyContext.of(0))
                .maps();

        assertClose(adversarial, TORCH.get("vanilla_gradient"));
        assertClose(clean, TORCH.get("vanilla_gradient_clean"));
    }

    @Test
    void gradientTimesInputMatches() {
        GradientInputSaliency method = new GradientInputSaliency();

        INDArray maps = method.explain(
                        model, input, target(Branch.ADVERSARIAL), method.defaultParameters(), SaliencyContext.of(0))
                .maps();

        assertClose(maps, TORCH.get("gradient_input"));
    }

    @Test
    void integratedGradientsGaussLegendreMatches() {
        IntegratedGradientsSaliency method = new IntegratedGradientsSaliency();
        IntegratedGradientsSaliency.Parameters parameters = new IntegratedGradientsSaliency.Parameters(
                16, IntegrationRule.GAUSS_LEGENDRE, Baseline.ZERO, ChannelReduction.SUM);

        SaliencyResult result =
                method.explain(model, input, target(Branch.ADVERSARIAL), parameters, new SaliencyContext(0, 7, null));

        // numpy.polynomial.legendre.leggauss(16) nodes in the script, our own Newton iteration here.
        assertClose(result.maps(), TORCH.get("integrated_gradients_gauss_legendre_16"));
        double[] difference = (double[]) result.details().get("scoreDifference");
        INDArray expected = TORCH.get("score_difference_zero_baseline");
        for (int i = 0; i < 2; i++) {
            assertThat(difference[i]).isCloseTo(expected.getDouble(i), within(1e-5));
        }
    }

    @Test
    void integratedGradientsMeanBaselineRiemannMatches() {
        IntegratedGradientsSaliency method = new IntegratedGradientsSaliency();
        IntegratedGradientsSaliency.Parameters parameters = new IntegratedGradientsSaliency.Parameters(
                20, IntegrationRule.RIEMANN_RIGHT, Baseline.mean(), ChannelReduction.SUM);

        INDArray maps = method.explain(model, input, target(Branch.ADVERSARIAL), parameters, SaliencyContext.of(0))
                .maps();

        assertClose(maps, TORCH.get("integrated_gradients_mean_right_20"));
    }

    static void assertClose(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double scale = expected.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-5 * scale));
        }
    }
}
