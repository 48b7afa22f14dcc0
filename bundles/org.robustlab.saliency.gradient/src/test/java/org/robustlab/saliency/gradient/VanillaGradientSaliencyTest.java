package org.robustlab.saliency.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;

class VanillaGradientSaliencyTest extends SaliencyMethodContractTest<VanillaGradientSaliency.Parameters> {

    private final VanillaGradientSaliency method = new VanillaGradientSaliency();

    @Override
    protected SaliencyMethod<VanillaGradientSaliency.Parameters> method() {
        return method;
    }

    @Test
    void linearModelGivesWeightedRowSum() {
        INDArray weights = LinearModels.uniform(1, -1, 1, 3, 2, 4, 4);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.zeros(3), Head.SIGMOID);
        INDArray input = LinearModels.uniform(2, 0, 1, 1, 2, 4, 4);
        INDArray classWeights = Nd4j.createFromArray(new float[][] {{1, 0, 0.5f}});

        INDArray map = method.explain(
                        model,
                        input,
                        new SaliencyTarget(classWeights, Branch.CLEAN),
                        method.defaultParameters(),
                        SaliencyContext.of(0))
                .maps();

        // d/dx (z0 + 0.5 z2) = W0 + 0.5 W2, summed over the two channels.
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                double expected = 0;
                for (int c = 0; c < 2; c++) {
                    expected += weights.getDouble(0, c, y, x) + 0.5 * weights.getDouble(2, c, y, x);
                }
                assertThat(map.getDouble(0, y, x)).isCloseTo(expected, within(1e-6));
            }
        }
    }

    @Test
    void absoluteMaximumTakesLargestChannelMagnitude() {
        INDArray weights =
                Nd4j.createFromArray(new float[] {1, -3, 2, 0.5f, -2, 1, 0, 0}).reshape(1, 2, 2, 2);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.zeros(1), Head.SIGMOID);

        INDArray map = method.explain(
                        model,
                        Nd4j.zeros(1, 2, 2, 2),
                        SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                        new VanillaGradientSaliency.Parameters(ChannelReduction.ABSOLUTE_MAXIMUM),
                        SaliencyContext.of(0))
                .maps();

        assertThat(map.getDouble(0, 0, 0)).isCloseTo(2, within(1e-6));
        assertThat(map.getDouble(0, 0, 1)).isCloseTo(3, within(1e-6));
        assertThat(map.getDouble(0, 1, 0)).isCloseTo(2, within(1e-6));
        assertThat(map.getDouble(0, 1, 1)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void branchesOfDualNetworkGiveDifferentMaps() {
        Model model = ReferenceNetworks.create(ReferenceNetworks.smallCnn(1, 2, Head.SIGMOID, Normalization.DUAL), 3);
        INDArray input = LinearModels.uniform(4, 0, 1, 1, 1, 8, 8);

        INDArray clean = method.explain(
                        model,
                        input,
                        SaliencyTarget.ofClass(1, 2, 0, Branch.CLEAN),
                        method.defaultParameters(),
                        SaliencyContext.of(0))
                .maps();
        INDArray adversarial = method.explain(
                        model,
                        input,
                        SaliencyTarget.ofClass(1, 2, 0, Branch.ADVERSARIAL),
                        method.defaultParameters(),
                        SaliencyContext.of(0))
                .maps();

        assertThat(clean.sub(adversarial).amaxNumber().doubleValue()).isGreaterThan(1e-4);
    }
}
