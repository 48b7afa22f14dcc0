package org.robustlab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.robustlab.engine.nd4j.TestNetworks.identical;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * Checks what a resumed run depends on: optimizer state that round-trips exactly, steps that are deterministic,
 * and non-finite steps that change nothing.
 */
class TrainerStateTest {

    private static final NetworkSpec DUAL = TestNetworks.mini(Head.SOFTMAX, Normalization.DUAL);

    private final Nd4jEngine engine = new Nd4jEngine();

    private final INDArray images = TestNetworks.images(101, 4, 2, 8, 8);

    private final INDArray adversarial = TestNetworks.images(102, 4, 2, 8, 8);

    private final INDArray labels = TestNetworks.oneHot(3, 2, 1, 0, 2);

    private TrainingBatch dualBatch() {
        return new TrainingBatch(
                List.of(
                        LossTerm.supervised(images, labels, Branch.CLEAN, 1.0),
                        LossTerm.supervised(adversarial, labels, Branch.ADVERSARIAL, 1.0)),
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADAM", "SGD"})
    void resumedTrainerReachesBitIdenticalParameters(String type) {
        OptimizerSpec optimizer =
                new OptimizerSpec(OptimizerSpec.Type.valueOf(type), 1e-2, 0.9, 0.999, 1e-8, 0.9, false, 1e-4);
        Map<String, INDArray> initial = TestNetworks.randomParameters(DUAL, 21);
        Map<String, INDArray> uninterrupted;
        try (Model model = engine.create(DUAL, initial)) {
            Trainer trainer = model.trainer(optimizer);
            for (int step = 0; step < 3; step++) {
                trainer.step(dualBatch());
            }
            uninterrupted = model.parameters();
        }

        Map<String, INDArray> checkpoint;
        Map<String, INDArray> optimizerState;
        try (Model model = engine.create(DUAL, initial)) {
            Trainer trainer = model.trainer(optimizer);
            trainer.step(dualBatch());
            trainer.step(dualBatch());
            checkpoint = model.parameters();
            optimizerState = trainer.optimizerState();
        }
        try (Model resumed = engine.create(DUAL, checkpoint)) {
            Trainer trainer = resumed.trainer(optimizer);
            trainer.loadOptimizerState(optimizerState);
            trainer.step(dualBatch());

            Map<String, INDArray> after = resumed.parameters();
            uninterrupted.forEach((name, value) -> assertThat(identical(value, after.get(name)))
                    .as("%s after resuming", name)
                    .isTrue());
        }
    }

    @Test
    void adamStateCountsStepsPerParameter() {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 22))) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));
            trainer.step(TrainingBatch.of(LossTerm.supervised(images, labels, Branch.CLEAN, 1.0)));
            trainer.step(dualBatch());

            Map<String, INDArray> state = trainer.optimizerState();

            assertThat(state.get("conv1.weight.step").getLong(0)).isEqualTo(2);
            assertThat(state.get("bn1.weight.step").getLong(0)).isEqualTo(2);
            assertThat(state.get("bn1.adversarial.weight.step").getLong(0)).isEqualTo(1);
            assertThat(state.get("conv1.weight.exp_avg").shape()).containsExactly(4, 2, 3, 3);
            assertThat(state).containsKey("conv1.weight.exp_avg_sq");
        }
    }

    @Test
    void foreignOptimizerStateIsRejectedWithItsName() {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 23))) {
            Trainer sgd = model.trainer(OptimizerSpec.sgd(0.1, 0.9));
            sgd.step(dualBatch());
            Map<String, INDArray> sgdState = sgd.optimizerState();
            Trainer adam = model.trainer(OptimizerSpec.adam(1e-3));

            assertThatThrownBy(() -> adam.loadOptimizerState(sgdState))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("momentum_buffer");
            Map<String, INDArray> misshapen = new HashMap<>(sgdState);
            misshapen.put("fc.weight.momentum_buffer", Nd4j.zeros(DataType.FLOAT, 2, 2));
            assertThatThrownBy(() -> sgd.loadOptimizerState(misshapen))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fc.weight.momentum_buffer")
                    .hasMessageContaining("[3, 6]");
        }
    }

    @Test
    void nonFiniteLossSkipsStepAndChangesNothing() {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 24))) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-2));
            trainer.step(dualBatch());
            Map<String, INDArray> before = model.parameters();
            Map<String, INDArray> stateBefore = trainer.optimizerState();
            INDArray poisoned = adversarial.dup();
            poisoned.putScalar(new long[] {1, 0, 3, 3}, Float.NaN);

            StepResult result = trainer.step(new TrainingBatch(
                    List.of(
                            LossTerm.supervised(images, labels, Branch.CLEAN, 1.0),
                            LossTerm.supervised(poisoned, labels, Branch.ADVERSARIAL, 1.0)),
                    null));

            assertThat(result.applied()).isFalse();
            assertThat(result.loss()).isNaN();
            assertThat(result.termLosses()[0]).isFinite();
            Map<String, INDArray> after = model.parameters();
            before.forEach((name, value) ->
                    assertThat(identical(value, after.get(name))).as(name).isTrue());
            Map<String, INDArray> stateAfter = trainer.optimizerState();
            stateBefore.forEach((name, value) ->
                    assertThat(identical(value, stateAfter.get(name))).as(name).isTrue());
        }
    }

    @Test
    void learningRateRejectsNonPositiveValues() {
        try (Model model = engine.create(DUAL, TestNetworks.randomParameters(DUAL, 25))) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(1e-3));

            trainer.setLearningRate(5e-4);

            assertThat(trainer.learningRate()).isEqualTo(5e-4);
            assertThatThrownBy(() -> trainer.setLearningRate(0)).hasMessageContaining("learningRate");
            assertThatThrownBy(() -> trainer.setLearningRate(Double.NaN)).hasMessageContaining("learningRate");
        }
    }
}
