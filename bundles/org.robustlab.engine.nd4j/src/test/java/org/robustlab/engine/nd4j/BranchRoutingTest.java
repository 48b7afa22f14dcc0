package org.robustlab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robustlab.engine.nd4j.TestNetworks.identical;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * Checks that each branch of a dual-BN network reads and updates only its own batch-norm parameters and running
 * statistics, that shared weights move with either branch, and that inference never changes the model.
 */
class BranchRoutingTest {

    private static final NetworkSpec DUAL = TestNetworks.mini(Head.SOFTMAX, Normalization.DUAL);

    private final Nd4jEngine engine = new Nd4jEngine();

    private final INDArray images = TestNetworks.images(101, 4, 2, 8, 8);

    private final INDArray labels = TestNetworks.oneHot(3, 0, 1, 2, 0);

    @Test
    void cleanStepMovesOnlyCleanBranch() {
        assertStepTouchesOnly(Branch.CLEAN);
    }

    @Test
    void adversarialStepMovesOnlyAdversarialBranch() {
        assertStepTouchesOnly(Branch.ADVERSARIAL);
    }

    private void assertStepTouchesOnly(Branch branch) {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 5))) {
            Map<String, INDArray> before = model.parameters();

            boolean applied = model.trainer(OptimizerSpec.adam(1e-2))
                    .step(TrainingBatch.of(LossTerm.supervised(images, labels, branch, 1.0)))
                    .applied();

            assertThat(applied).isTrue();
            Map<String, INDArray> after = model.parameters();
            before.forEach((name, value) -> {
                boolean adversarialEntry = name.contains(NetworkSpec.ADVERSARIAL_INFIX + ".");
                boolean batchNorm = name.contains("bn");
                boolean expectedToMove = batchNorm ? adversarialEntry == (branch == Branch.ADVERSARIAL) : true;
                assertThat(identical(value, after.get(name)))
                        .as("%s unchanged after a %s step", name, branch)
                        .isEqualTo(!expectedToMove);
            });
        }
    }

    @Test
    void inferenceLeavesParametersAndStatisticsUnchanged() {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 6))) {
            Map<String, INDArray> before = model.parameters();

            for (Branch branch : Branch.values()) {
                model.logits(images, branch);
                model.inputGradient(images, Objective.Loss.of(labels), branch);
                model.layerGradient(images, "block_out", new Objective.LogitWeights(labels), branch);
            }

            Map<String, INDArray> after = model.parameters();
            before.forEach((name, value) -> assertThat(identical(value, after.get(name)))
                    .as("%s unchanged by inference", name)
                    .isTrue());
        }
    }

    @Test
    void branchesGiveDifferentLogitsWithDifferentStatistics() {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 7))) {
            INDArray clean = model.logits(images, Branch.CLEAN);
            INDArray adversarial = model.logits(images, Branch.ADVERSARIAL);

            assertThat(TestNetworks.maxDifference(clean, adversarial)).isGreaterThan(1e-3);
        }
    }

    @Test
    void singleNormalizationServesBothBranchesWithOneSet() {
        NetworkSpec single = DUAL.withNormalization(Normalization.SINGLE);
        try (Model model = engine.create(single, TestNetworks.randomParameters(single, 8))) {
            INDArray runningMean = model.parameters().get("bn1.running_mean");

            assertThat(identical(model.logits(images, Branch.CLEAN), model.logits(images, Branch.ADVERSARIAL)))
                    .isTrue();
            model.trainer(OptimizerSpec.sgd(0.1, 0))
                    .step(TrainingBatch.of(LossTerm.supervised(images, labels, Branch.ADVERSARIAL, 1.0)));
            assertThat(identical(runningMean, model.parameters().get("bn1.running_mean")))
                    .isFalse();
        }
    }

    @Test
    void runningStatisticsFollowPyTorchUpdateRule() {
        NetworkSpec single = DUAL.withNormalization(Normalization.SINGLE);
        try (Model model = engine.create(single, TestNetworks.randomParameters(single, 9))) {
            INDArray input = TestNetworks.images(102, 4, 2, 8, 8);
            Map<String, INDArray> before = model.parameters();
            INDArray preactivation = model.layerGradient(input, "conv1", Objective.Loss.of(labels), Branch.CLEAN)
                    .activation();

            model.trainer(OptimizerSpec.sgd(0.1, 0))
                    .step(TrainingBatch.of(LossTerm.supervised(input, labels, Branch.CLEAN, 1.0)));

            // Batch statistics of the first batch-norm layer's input, per channel, in float64.
            INDArray values =
                    preactivation.castTo(DataType.DOUBLE).permute(1, 0, 2, 3).reshape('c', 4, -1);
            INDArray mean = values.mean(1);
            INDArray unbiased = values.var(true, 1);
            INDArray expectedMean = before.get("bn1.running_mean")
                    .castTo(DataType.DOUBLE)
                    .mul(0.9)
                    .add(mean.mul(0.1));
            INDArray expectedVariance = before.get("bn1.running_var")
                    .castTo(DataType.DOUBLE)
                    .mul(0.9)
                    .add(unbiased.mul(0.1));
            Map<String, INDArray> after = model.parameters();
            assertThat(TestNetworks.maxDifference(after.get("bn1.running_mean"), expectedMean))
                    .isLessThan(1e-5);
            assertThat(TestNetworks.maxDifference(after.get("bn1.running_var"), expectedVariance))
                    .isLessThan(1e-5);
        }
    }
}
