package org.robustlab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/** Checks that bad parameters and inputs raise errors that name the field, the value and what was expected. */
class InputValidationTest {

    private static final NetworkSpec DUAL = TestNetworks.mini(Head.SOFTMAX, Normalization.DUAL);

    private final Nd4jEngine engine = new Nd4jEngine();

    private Model model;

    @AfterEach
    void closeModel() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void missingSurplusAndMisshapenParametersAreNamed() {
        Map<String, INDArray> parameters = TestNetworks.randomParameters(DUAL, 1);
        parameters.remove("bn1.adversarial.running_var");
        parameters.put("fc.weight", Nd4j.zeros(DataType.FLOAT, 6, 3));
        parameters.put("head.weight", Nd4j.zeros(DataType.FLOAT, 1));

        assertThatThrownBy(() -> engine.create(DUAL, parameters))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing 'bn1.adversarial.running_var' of shape [4]")
                .hasMessageContaining("'fc.weight' has shape [6, 3], expected [3, 6]")
                .hasMessageContaining("unexpected 'head.weight'");
    }

    @Test
    void inputWithWrongChannelsIsRejected() {
        model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 2));

        assertThatThrownBy(() -> model.logits(TestNetworks.images(101, 2, 3, 8, 8), Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 8, 8]")
                .hasMessageContaining("[N, 2, H, W]");
    }

    @Test
    void inputTooSmallForNetworkNamesTheLayer() {
        NetworkSpec unpadded = new NetworkSpec(
                "unpadded",
                1,
                2,
                Head.SOFTMAX,
                Normalization.SINGLE,
                List.of(
                        new Layer.Conv2d("conv", NetworkSpec.INPUT, 1, 2, 3, 1, 0, true),
                        new Layer.GlobalAveragePool("pool", "conv"),
                        new Layer.Dense("fc", "pool", 2, 2, true)),
                "fc",
                "conv");
        model = engine.create(unpadded, TestNetworks.randomParameters(unpadded, 3));

        assertThatThrownBy(() -> model.logits(TestNetworks.images(102, 1, 1, 2, 2), Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2x2 pixels")
                .hasMessageContaining("layer conv");
    }

    @Test
    void labelsOfWrongShapeAreRejected() {
        model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 4));
        INDArray images = TestNetworks.images(103, 2, 2, 8, 8);

        assertThatThrownBy(
                        () -> model.inputGradient(images, Objective.Loss.of(TestNetworks.oneHot(3, 0)), Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels has shape [1, 3], expected [2, 3]");
    }

    @Test
    void labelMaskOnSoftmaxHeadIsRejected() {
        model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 5));
        INDArray images = TestNetworks.images(104, 2, 2, 8, 8);
        INDArray labels = TestNetworks.oneHot(3, 0, 1);

        assertThatThrownBy(() -> model.inputGradient(
                        images, new Objective.Loss(labels, Nd4j.ones(DataType.FLOAT, 2, 3)), Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigmoid head");
    }

    @Test
    void unmaskedUnknownLabelIsRejected() {
        NetworkSpec sigmoid = TestNetworks.mini(Head.SIGMOID, Normalization.SINGLE);
        model = engine.create(sigmoid, TestNetworks.randomParameters(sigmoid, 6));
        INDArray labels = Nd4j.createFromArray(new float[][] {{1, Float.NaN, 0}, {0, 1, 1}});
        LossTerm term = LossTerm.supervised(TestNetworks.images(105, 2, 2, 8, 8), labels, Branch.CLEAN, 1);

        assertThatThrownBy(() -> model.trainer(OptimizerSpec.adam(1e-3)).step(TrainingBatch.of(term)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void divergenceOnSigmoidHeadIsRejected() {
        NetworkSpec sigmoid = TestNetworks.mini(Head.SIGMOID, Normalization.SINGLE);
        model = engine.create(sigmoid, TestNetworks.randomParameters(sigmoid, 7));

        assertThatThrownBy(() -> model.inputGradient(
                        TestNetworks.images(106, 2, 2, 8, 8),
                        new Objective.Divergence(Nd4j.ones(DataType.FLOAT, 2, 3).divi(3)),
                        Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softmax head");
    }

    @Test
    void unknownLayerIsRejectedWithTheLayerList() {
        model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 8));

        assertThatThrownBy(() -> model.layerGradient(
                        TestNetworks.images(107, 2, 2, 8, 8),
                        "layer9",
                        new Objective.LogitWeights(TestNetworks.oneHot(3, 0, 0)),
                        Branch.CLEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer9")
                .hasMessageContaining("block_out");
    }

    @Test
    void closedModelRejectsCalls() {
        Model closed = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 9));
        closed.close();

        assertThatThrownBy(() -> closed.logits(TestNetworks.images(108, 1, 2, 8, 8), Branch.CLEAN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
