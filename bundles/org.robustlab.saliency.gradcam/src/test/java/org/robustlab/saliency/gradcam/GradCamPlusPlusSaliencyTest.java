package org.robustlab.saliency.gradcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;

class GradCamPlusPlusSaliencyTest extends SaliencyMethodContractTest<CamParameters> {

    private final GradCamPlusPlusSaliency method = new GradCamPlusPlusSaliency();

    @Override
    protected SaliencyMethod<CamParameters> method() {
        return method;
    }

    @Test
    void handBuiltNetworkMatchesHandComputation() {
        SaliencyResult result = method.explain(
                GradCamSaliencyTest.HandBuiltNetwork.model(),
                GradCamSaliencyTest.HandBuiltNetwork.input(),
                SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                CamParameters.DEFAULT,
                SaliencyContext.of(0));

        // g1 = 1 and g2 = -0.25 everywhere, sum A1 = 4. a1 = g^2 / (2 g^2 + 4 g^3) = 1/6, so channel 1 weighs
        // 4 pixels x 1/6 x relu(1) = 2/3; channel 2 weighs 0 because relu(g2) = 0. Map: 2/3 A1 = [[2/3, 0], [2, 0]].
        float[] expected = {2f / 3, 0, 2, 0};
        float[] actual = result.maps().dup('c').data().asFloat();
        for (int i = 0; i < 4; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
        }
    }

    @Test
    void zeroGradientGivesEmptyMapWithoutNaN() {
        INDArray activation = Nd4j.ones(DataType.FLOAT, 1, 2, 2, 2);

        SaliencyResult result = method.explain(
                new FixedLayerModel(
                        ReferenceNetworks.smallCnn(1, 1, Head.SIGMOID, Normalization.SINGLE),
                        activation,
                        Nd4j.zeros(DataType.FLOAT, 1, 2, 2, 2)),
                Nd4j.zeros(DataType.FLOAT, 1, 1, 4, 4),
                SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                CamParameters.DEFAULT,
                SaliencyContext.of(0));

        for (double value : result.maps().castTo(DataType.DOUBLE).data().asDouble()) {
            assertThat(value).isZero();
        }
        assertThat(result.empty()).containsExactly(true);
    }
}
