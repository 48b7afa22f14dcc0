package org.robustlab.engine.nd4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.engine.nd4j.Nd4jEngine;
import org.robustlab.engine.nd4j.TestNetworks;

/** Checks the graphs a model caches: one parameter store behind both branches, and one session per graph. */
class GraphCacheTest {

    private static final NetworkSpec DUAL = TestNetworks.mini(Head.SOFTMAX, Normalization.DUAL);

    private final SameDiffModel model =
            new Nd4jEngine().create(DUAL, TestNetworks.randomParameters(DUAL, 31), DataType.FLOAT);

    private final INDArray images = TestNetworks.images(101, 2, 2, 8, 8);

    private final INDArray labels = TestNetworks.oneHot(3, 1, 2);

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void branchGraphsShareWeightArrays() {
        SameDiff clean = model.graph(GraphKind.TRAINING, Branch.CLEAN).sameDiff();
        SameDiff adversarial =
                model.graph(GraphKind.TRAINING, Branch.ADVERSARIAL).sameDiff();

        for (String shared : List.of("conv1.weight", "block_conv1.bias", "fc.weight")) {
            INDArray stored = model.store().get(shared);
            assertThat(clean.getVariable(shared).getArr()).as(shared).isSameAs(stored);
            assertThat(adversarial.getVariable(shared).getArr()).as(shared).isSameAs(stored);
        }
        assertThat(adversarial.getVariable("bn1.adversarial.weight").getArr())
                .isSameAs(model.store().get("bn1.adversarial.weight"));
        assertThat(adversarial.hasVariable("bn1.weight")).isFalse();
        assertThat(clean.hasVariable("bn1.adversarial.weight")).isFalse();
    }

    @Test
    void inferenceGraphHoldsParametersAsConstants() {
        SameDiff inference = model.graph(GraphKind.INFERENCE, Branch.CLEAN).sameDiff();

        assertThat(inference.variables().stream()
                        .filter(variable ->
                                variable.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE))
                .isEmpty();
        SDVariable runningMean = inference.getVariable("bn1.running_mean");
        assertThat(runningMean.getArr()).isSameAs(model.store().get("bn1.running_mean"));
    }

    @Test
    void graphsAreBuiltOncePerKindAndBranch() {
        CompiledGraph first = model.graph(GraphKind.INFERENCE, Branch.ADVERSARIAL);

        model.logits(images, Branch.ADVERSARIAL);

        assertThat(model.graph(GraphKind.INFERENCE, Branch.ADVERSARIAL)).isSameAs(first);
        assertThat(model.graph(GraphKind.INFERENCE, Branch.CLEAN)).isNotSameAs(first);
    }

    @Test
    void successiveThreadsKeepOneSession() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            Thread worker = new Thread(() -> {
                model.inputGradient(images, Objective.Loss.of(labels), Branch.CLEAN);
                model.trainer(OptimizerSpec.sgd(0.01, 0))
                        .step(TrainingBatch.of(LossTerm.supervised(images, labels, Branch.CLEAN, 1)));
            });
            worker.start();
            worker.join();
        }

        for (GraphKind kind : List.of(GraphKind.INFERENCE, GraphKind.TRAINING)) {
            SameDiff graph = model.graph(kind, Branch.CLEAN).sameDiff();
            assertThat(graph.getSessions()).as("%s sessions", kind).hasSizeLessThanOrEqualTo(1);
            assertThat(graph.getFunction("grad").getSessions())
                    .as("%s gradient sessions", kind)
                    .hasSizeLessThanOrEqualTo(1);
        }
    }
}
