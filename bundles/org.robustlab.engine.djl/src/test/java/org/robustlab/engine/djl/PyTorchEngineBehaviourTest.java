package org.robustlab.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.robustlab.engine.djl.TorchReference.get;
import static org.robustlab.engine.djl.TorchReference.identical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/** Contract checks of the PyTorch engine that need no reference values: routing, scopes, state and errors. */
class PyTorchEngineBehaviourTest {

    private static final NetworkSpec DUAL = TorchReference.spec(Head.SOFTMAX, Normalization.DUAL);

    private static PyTorchEngine engine;

    @BeforeAll
    static void activate() {
        engine = new PyTorchEngine();
        engine.activate();
    }

    @Test
    void engineIsRegisteredAsPytorch() throws org.osgi.framework.InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(PyTorchEngine.class).getBundleContext();
        ServiceReference<Engine> reference = context.getServiceReferences(Engine.class, null).stream()
                .filter(candidate -> "pytorch".equals(candidate.getProperty("robustlab.contribution.id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Engine service with id pytorch"));

        Engine service = context.getService(reference);

        assertThat(service.info().version()).isEqualTo("2.7.1");
        assertThat(service.info().device()).isEqualTo("CPU");
        assertThat(service.info().threads()).isPositive();
        context.ungetService(reference);
    }

    @Test
    void inferencePassesChangeNothing() {
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            Map<String, INDArray> before = model.parameters();

            model.logits(get("x"), Branch.CLEAN);
            model.inputGradient(get("x"), Objective.Loss.of(get("labels")), Branch.ADVERSARIAL);
            model.layerGradient(get("x"), "relu2", Objective.Loss.of(get("labels")), Branch.CLEAN);

            Map<String, INDArray> after = model.parameters();
            before.forEach((name, value) -> assertThat(identical(after.get(name), value))
                    .as("%s unchanged", name)
                    .isTrue());
        }
    }

    @Test
    void inputGradientDoesNotLeakIntoStep() {
        LossTerm term = LossTerm.supervised(get("x"), get("labels"), Branch.CLEAN, 1.0);
        try (Model plain = engine.create(DUAL, TorchReference.withPrefix("param/"));
                Model probed = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            plain.trainer(OptimizerSpec.sgd(0.1, 0)).step(TrainingBatch.of(term));
            Trainer trainer = probed.trainer(OptimizerSpec.sgd(0.1, 0));
            probed.inputGradient(get("x_adv"), Objective.Loss.of(get("labels")), Branch.CLEAN);
            trainer.step(TrainingBatch.of(term));

            Map<String, INDArray> expected = plain.parameters();
            probed.parameters()
                    .forEach((name, value) -> assertThat(identical(value, expected.get(name)))
                            .as("%s", name)
                            .isTrue());
        }
    }

    @Test
    void cleanStepMovesOnlyCleanBatchNorm() {
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            Map<String, INDArray> before = model.parameters();

            model.trainer(OptimizerSpec.adam(0.01))
                    .step(TrainingBatch.of(LossTerm.supervised(get("x"), get("labels"), Branch.CLEAN, 1.0)));

            Map<String, INDArray> after = model.parameters();
            before.forEach((name, value) -> {
                boolean adversarial = name.contains(NetworkSpec.ADVERSARIAL_INFIX);
                assertThat(identical(after.get(name), value))
                        .as("%s unchanged", name)
                        .isEqualTo(adversarial);
            });
        }
    }

    @Test
    void nonFiniteLossSkipsStep() {
        INDArray poisoned = get("x").dup();
        poisoned.putScalar(new int[] {0, 0, 0, 0}, Float.NaN);
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            Map<String, INDArray> before = model.parameters();
            Trainer trainer = model.trainer(OptimizerSpec.adam(0.01));

            StepResult result =
                    trainer.step(TrainingBatch.of(LossTerm.supervised(poisoned, get("labels"), Branch.CLEAN, 1.0)));

            assertThat(result.applied()).isFalse();
            assertThat(result.loss()).isNaN();
            Map<String, INDArray> after = model.parameters();
            before.forEach((name, value) -> assertThat(identical(after.get(name), value))
                    .as("%s unchanged", name)
                    .isTrue());
            assertThat(trainer.optimizerState()).isEmpty();
        }
    }

    @Test
    void optimizerStateRoundTripResumesExactly() {
        TrainingBatch batch = TrainingBatch.of(
                LossTerm.supervised(get("x"), get("labels"), Branch.CLEAN, 1.0),
                LossTerm.supervised(get("x_adv"), get("labels"), Branch.ADVERSARIAL, 1.0));
        try (Model original = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            Trainer trainer = original.trainer(OptimizerSpec.adam(0.01));
            trainer.step(batch);
            Map<String, INDArray> state = trainer.optimizerState();
            try (Model resumed = engine.create(DUAL, original.parameters())) {
                Trainer resumedTrainer = resumed.trainer(OptimizerSpec.adam(0.01));
                resumedTrainer.loadOptimizerState(state);

                trainer.step(batch);
                resumedTrainer.step(batch);

                Map<String, INDArray> expected = original.parameters();
                resumed.parameters()
                        .forEach((name, value) -> assertThat(identical(value, expected.get(name)))
                                .as("%s", name)
                                .isTrue());
                assertThat(state.get("conv1.weight.step").getLong(0)).isEqualTo(1);
                assertThat(state).containsKeys("fc.bias.exp_avg", "fc.bias.exp_avg_sq");
            }
        }
    }

    @Test
    void learningRateIsValidated() {
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(0.01));

            trainer.setLearningRate(0.5);

            assertThat(trainer.learningRate()).isEqualTo(0.5);
            assertThatThrownBy(() -> trainer.setLearningRate(Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("learningRate");
        }
    }

    @Test
    void createRejectsBadParameters() {
        Map<String, INDArray> missing = new LinkedHashMap<>(TorchReference.withPrefix("param/"));
        missing.remove("bn2.adversarial.running_var");
        Map<String, INDArray> wrongShape = new LinkedHashMap<>(TorchReference.withPrefix("param/"));
        wrongShape.put("fc.weight", Nd4j.zeros(3, 5));
        Map<String, INDArray> extra = new LinkedHashMap<>(TorchReference.withPrefix("param/"));
        extra.put("fc.scale", Nd4j.zeros(3));

        assertThatThrownBy(() -> engine.create(DUAL, missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bn2.adversarial.running_var");
        assertThatThrownBy(() -> engine.create(DUAL, wrongShape))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fc.weight")
                .hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> engine.create(DUAL, extra))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fc.scale");
    }

    @Test
    void wrongInputAndLabelShapesAreRejected() {
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            assertThatThrownBy(() -> model.logits(Nd4j.zeros(1, 3, 8, 8), Branch.CLEAN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[1, 3, 8, 8]");
            assertThatThrownBy(() -> model.inputGradient(get("x"), Objective.Loss.of(Nd4j.zeros(4, 2)), Branch.CLEAN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("labels");
            assertThatThrownBy(() -> model.inputGradient(
                            get("x"), new Objective.Loss(get("labels"), Nd4j.ones(4, 3)), Branch.CLEAN))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sigmoid");
        }
    }

    @Test
    void closedModelRejectsCalls() {
        Model model = engine.create(DUAL, TorchReference.withPrefix("param/"));

        model.close();

        assertThatThrownBy(() -> model.logits(get("x"), Branch.CLEAN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void viewInputsAreCopiedCorrectly() {
        INDArray wide = Nd4j.concat(0, get("x"), get("x_adv"));
        INDArray firstHalf = wide.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray secondHalf = wide.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        try (Model model = engine.create(DUAL, TorchReference.withPrefix("param/"))) {
            assertThat(identical(model.logits(secondHalf, Branch.CLEAN), model.logits(get("x_adv"), Branch.CLEAN)))
                    .isTrue();
            assertThat(identical(model.logits(firstHalf.dup('f'), Branch.CLEAN), model.logits(get("x"), Branch.CLEAN)))
                    .isTrue();
            assertThat(List.of(secondHalf.isView())).containsExactly(true);
        }
    }
}
