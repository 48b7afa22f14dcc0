package org.robustlab.saliency.gradcam;

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
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;

class GradCamSaliencyTest extends SaliencyMethodContractTest<CamParameters> {

    private final GradCamSaliency method = new GradCamSaliency();

    @Override
    protected SaliencyMethod<CamParameters> method() {
        return method;
    }

    private SaliencyResult explainFixed(INDArray activation, INDArray gradient, long height, long width) {
        NetworkSpec spec = ReferenceNetworks.smallCnn(1, 1, Head.SIGMOID, Normalization.SINGLE);
        Model model = new FixedLayerModel(spec, activation, gradient);
        return method.explain(
                model,
                Nd4j.zeros(DataType.FLOAT, 1, 1, height, width),
                SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                CamParameters.DEFAULT,
                SaliencyContext.of(0));
    }

    @Test
    void nonSquareInputKeepsHeightAndWidth() {
        INDArray activation = Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 4);
        activation.putScalar(new long[] {0, 0, 0, 3}, 1);

        INDArray map = explainFixed(activation, Nd4j.ones(DataType.FLOAT, 1, 1, 2, 4), 64, 128)
                .maps()
                .get(NDArrayIndex.point(0));

        assertThat(map.shape()).containsExactly(64, 128);
        long argMax = map.reshape(64 * 128).argMax().getLong(0);
        assertThat(argMax / 128).isBetween(0L, 31L);
        assertThat(argMax % 128).isBetween(96L, 127L);
        double topRight = map.get(NDArrayIndex.interval(0, 32), NDArrayIndex.interval(96, 128))
                .meanNumber()
                .doubleValue();
        double bottomLeft = map.get(NDArrayIndex.interval(32, 64), NDArrayIndex.interval(0, 32))
                .meanNumber()
                .doubleValue();
        assertThat(topRight).isGreaterThan(bottomLeft);
    }

    @Test
    void finalReluRemovesNegativeEvidence() {
        INDArray activation = Nd4j.createFromArray(new float[] {-2, 1, 0.5f}).reshape(1, 1, 1, 3);

        INDArray map = explainFixed(activation, Nd4j.ones(DataType.FLOAT, 1, 1, 1, 3), 1, 3)
                .maps();

        // ReLU([-2, 1, 0.5]) scaled by its maximum; without the ReLU min-max scaling would give [0, 1, 0.833].
        INDArray scaled = map.div(map.maxNumber());
        assertThat(scaled.getDouble(0, 0, 0)).isCloseTo(0, within(1e-6));
        assertThat(scaled.getDouble(0, 0, 1)).isCloseTo(1, within(1e-6));
        assertThat(scaled.getDouble(0, 0, 2)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void negativeWeightedSumGivesEmptyMap() {
        INDArray activation =
                Nd4j.createFromArray(new float[] {1, 1, 1, 0, 0, 0}).reshape(1, 2, 1, 3);
        INDArray gradient =
                Nd4j.createFromArray(new float[] {-1, -1, -1, 1, 1, 1}).reshape(1, 2, 1, 3);

        SaliencyResult result = explainFixed(activation, gradient, 1, 3);

        // The raw sum is -1 everywhere; after the ReLU the map is zero and flagged empty, without NaN.
        for (double value : result.maps().castTo(DataType.DOUBLE).data().asDouble()) {
            assertThat(value).isZero();
        }
        assertThat(result.empty()).containsExactly(true);
    }

    @Test
    void signedMapWithoutRelu() {
        INDArray activation = Nd4j.createFromArray(new float[] {-2, 1, 0.5f}).reshape(1, 1, 1, 3);
        Model model = new FixedLayerModel(
                ReferenceNetworks.smallCnn(1, 1, Head.SIGMOID, Normalization.SINGLE),
                activation,
                Nd4j.ones(DataType.FLOAT, 1, 1, 1, 3));

        INDArray map = method.explain(
                        model,
                        Nd4j.zeros(DataType.FLOAT, 1, 1, 1, 3),
                        SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                        new CamParameters("", false),
                        SaliencyContext.of(0))
                .maps();

        assertThat(map.getDouble(0, 0, 0)).isCloseTo(-2, within(1e-6));
    }

    @Test
    void defaultLayerIsRecorded() {
        SaliencyResult result =
                method.explain(model(), input(), target(), CamParameters.DEFAULT, SaliencyContext.of(0));

        assertThat(result.details()).containsEntry("layer", ReferenceNetworks.SMALL_CNN_CAM_LAYER);
        assertThat(result.details()).containsEntry("featureMapHeight", 5L);
        assertThat(result.details()).containsEntry("featureMapWidth", 3L);
    }

    @Test
    void namedLayerIsUsedAndRecorded() {
        SaliencyResult result =
                method.explain(model(), input(), target(), new CamParameters("relu1", true), SaliencyContext.of(0));

        assertThat(result.details()).containsEntry("layer", "relu1");
        assertThat(result.details()).containsEntry("featureMapHeight", 10L);
    }

    @Test
    void unknownLayerIsRejectedWithName() {
        assertThatThrownBy(() -> method.explain(
                        model(), input(), target(), new CamParameters("conv9", true), SaliencyContext.of(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv9");
    }

    @Test
    void networkWithoutCamLayerNeedsNamedLayer() {
        Model linear =
                ReferenceNetworks.linearModel(Nd4j.ones(DataType.FLOAT, 1, 1, 4, 4), Nd4j.zeros(1), Head.SIGMOID);

        assertThatThrownBy(() -> method.explain(
                        linear,
                        Nd4j.zeros(DataType.FLOAT, 1, 1, 4, 4),
                        SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                        CamParameters.DEFAULT,
                        SaliencyContext.of(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no default CAM layer")
                .hasMessageContaining("linear");
    }

    @Test
    void handBuiltNetworkMatchesHandComputation() {
        SaliencyResult result = method.explain(
                HandBuiltNetwork.model(),
                HandBuiltNetwork.input(),
                SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                CamParameters.DEFAULT,
                SaliencyContext.of(0));

        // A1 = relu(x) = [[1, 0], [3, 0]], A2 = relu(-x) = [[0, 2], [0, 0]]; S = 4 mean(A1) - 1 mean(A2), so the
        // pooled gradients are 1 and -0.25, and relu(A1 - 0.25 A2) = [[1, 0], [3, 0]].
        float[] expected = {1, 0, 3, 0};
        float[] actual = result.maps().dup('c').data().asFloat();
        for (int i = 0; i < 4; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
        }
    }

    /** conv (1 -> 2 channels, 1 x 1, weights 1 and -1) -> ReLU -> mean -> dense (weights 4 and -1). */
    static final class HandBuiltNetwork {

        static Model model() {
            List<Layer> layers = List.of(
                    new Layer.Conv2d("conv", NetworkSpec.INPUT, 1, 2, 1, 1, 0, false),
                    new Layer.Relu("relu", "conv"),
                    new Layer.GlobalAveragePool("pool", "relu"),
                    new Layer.Dense("fc", "pool", 2, 1, false));
            NetworkSpec spec =
                    new NetworkSpec("hand-built", 1, 1, Head.SIGMOID, Normalization.SINGLE, layers, "fc", "relu");
            Map<String, INDArray> parameters = new LinkedHashMap<>();
            parameters.put(
                    "conv.weight", Nd4j.createFromArray(new float[] {1, -1}).reshape(2, 1, 1, 1));
            parameters.put(
                    "fc.weight", Nd4j.createFromArray(new float[] {4, -1}).reshape(1, 2));
            return new ReferenceEngine().create(spec, parameters);
        }

        static INDArray input() {
            return Nd4j.createFromArray(new float[] {1, -2, 3, 0}).reshape(1, 1, 2, 2);
        }
    }
}
