package org.robustlab.saliency.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;

class IntegratedGradientsSaliencyTest extends SaliencyMethodContractTest<IntegratedGradientsSaliency.Parameters> {

    private final IntegratedGradientsSaliency method = new IntegratedGradientsSaliency();

    @Override
    protected SaliencyMethod<IntegratedGradientsSaliency.Parameters> method() {
        return method;
    }

    @Override
    protected IntegratedGradientsSaliency.Parameters parameters() {
        return new IntegratedGradientsSaliency.Parameters(
                8, IntegrationRule.GAUSS_LEGENDRE, Baseline.ZERO, ChannelReduction.SUM);
    }

    @ParameterizedTest
    @EnumSource(IntegrationRule.class)
    void linearModelAttributionIsDifferenceTimesWeights(IntegrationRule rule) {
        INDArray weights = LinearModels.uniform(11, -1, 1, 2, 1, 6, 6);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.createFromArray(0.3f, -0.2f), Head.SIGMOID);
        INDArray input = LinearModels.uniform(12, 0, 1, 2, 1, 6, 6);
        Baseline baseline = Baseline.constant(0.25);

        SaliencyResult result = method.explain(
                model,
                input,
                SaliencyTarget.ofClass(2, 2, 0, Branch.CLEAN),
                new IntegratedGradientsSaliency.Parameters(4, rule, baseline, ChannelReduction.SUM),
                SaliencyContext.of(0));

        for (int n = 0; n < 2; n++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    double expected = (input.getDouble(n, 0, y, x) - 0.25) * weights.getDouble(0, 0, y, x);
                    assertThat(result.maps().getDouble(n, y, x)).isCloseTo(expected, within(1e-6));
                }
            }
        }
        for (double error : (double[]) result.details().get("completenessError")) {
            assertThat(error).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void completenessErrorIsSmallOnReluNetwork() {
        SaliencyResult result = method.explain(
                model(),
                input(),
                target(),
                new IntegratedGradientsSaliency.Parameters(
                        64, IntegrationRule.GAUSS_LEGENDRE, Baseline.ZERO, ChannelReduction.SUM),
                SaliencyContext.of(0));

        double[] differences = (double[]) result.details().get("scoreDifference");
        double[] errors = (double[]) result.details().get("completenessError");
        for (int i = 0; i < differences.length; i++) {
            double total = result.maps().slice(i).sumNumber().doubleValue();
            assertThat(total - differences[i]).isCloseTo(errors[i], within(1e-4));
            assertThat(Math.abs(errors[i])).isLessThan(0.02 * Math.abs(differences[i]) + 1e-4);
        }
    }

    @Test
    void pathPointsAreEvaluatedInBatches() {
        CapturingModel model = new CapturingModel(model());

        method.explain(model, input(), target(), parameters(), new SaliencyContext(0, 5, null));

        // 2 images x 8 path points in batches of 5: 4 gradient passes.
        assertThat(model.gradientInputs).hasSize(4);
        assertThat(model.gradientInputs.get(3).size(0)).isEqualTo(1);
    }

    @Test
    void rightRiemannPathStartsOneStepIn() {
        CapturingModel model = new CapturingModel(model());
        INDArray input = input();

        method.explain(
                model,
                input,
                target(),
                new IntegratedGradientsSaliency.Parameters(
                        4, IntegrationRule.RIEMANN_RIGHT, Baseline.ZERO, ChannelReduction.SUM),
                SaliencyContext.of(0));

        INDArray points = model.gradientInputs.get(0);
        assertThat(points.getDouble(0, 0, 3, 2)).isCloseTo(0.25 * input.getDouble(0, 0, 3, 2), within(1e-7));
        assertThat(points.getDouble(3, 0, 3, 2)).isCloseTo(input.getDouble(0, 0, 3, 2), within(1e-7));
    }

    @Test
    void gaussLegendreIntegratesPolynomialsExactly() {
        double[][] nodes = IntegrationRule.GAUSS_LEGENDRE.nodes(5);

        // Five nodes integrate alpha^k exactly for k <= 9: the integral over [0, 1] is 1 / (k + 1).
        for (int k = 0; k <= 9; k++) {
            double sum = 0;
            for (int i = 0; i < 5; i++) {
                sum += nodes[1][i] * Math.pow(nodes[0][i], k);
            }
            assertThat(sum).as("alpha^%d", k).isCloseTo(1.0 / (k + 1), within(1e-13));
        }
    }

    @Test
    void gaussLegendreTwoNodesMatchTabulatedValues() {
        double[][] nodes = IntegrationRule.GAUSS_LEGENDRE.nodes(2);

        // The roots of P2(x) = (3x^2 - 1) / 2 are +/- 1/sqrt(3), with weights 1 on [-1, 1]; mapped to [0, 1].
        assertThat(nodes[0][0]).isCloseTo((1 - 1 / Math.sqrt(3)) / 2, within(1e-15));
        assertThat(nodes[0][1]).isCloseTo((1 + 1 / Math.sqrt(3)) / 2, within(1e-15));
        assertThat(nodes[1][0]).isCloseTo(0.5, within(1e-15));
        assertThat(nodes[1][1]).isCloseTo(0.5, within(1e-15));
    }
}
