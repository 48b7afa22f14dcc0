package org.robustlab.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robustlab.engine.djl.TorchReference.assertAllClose;
import static org.robustlab.engine.djl.TorchReference.assertClose;
import static org.robustlab.engine.djl.TorchReference.get;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;

/**
 * Compares the PyTorch engine with PyTorch 1.13 itself: logits, input and layer gradients, and optimizer steps
 * on a small dual-BN network, with the values that src/test/python/torch_reference.py stored.
 */
class PyTorchEngineTorchAgreementTest {

    private static final double ATOL = 2e-5;

    private static final double RTOL = 1e-4;

    private static PyTorchEngine engine;

    private static Model dual;

    @BeforeAll
    static void compile() {
        engine = new PyTorchEngine();
        engine.activate();
        dual = engine.create(
                TorchReference.spec(Head.SOFTMAX, Normalization.DUAL), TorchReference.withPrefix("param/"));
    }

    @AfterAll
    static void close() {
        dual.close();
    }

    @Test
    void logitsMatchForBothBranches() {
        assertClose("clean logits", dual.logits(get("x"), Branch.CLEAN), get("eval/logits_clean"), ATOL, RTOL);
        assertClose(
                "adversarial logits",
                dual.logits(get("x"), Branch.ADVERSARIAL),
                get("eval/logits_adversarial"),
                ATOL,
                RTOL);
    }

    @Test
    void lossGradientMatches() {
        GradientResult result = dual.inputGradient(get("x"), Objective.Loss.of(get("labels")), Branch.CLEAN);

        assertClose("gradient", result.gradient(), get("grad/loss_gradient"), ATOL, RTOL);
        assertClose("per-image loss", result.objectives(), get("grad/loss_values"), ATOL, RTOL);
        assertClose("logits", result.logits(), get("eval/logits_clean"), ATOL, RTOL);
    }

    @Test
    void logitWeightsGradientMatches() {
        Objective objective = new Objective.LogitWeights(get("grad/logit_weights"));

        GradientResult result = dual.inputGradient(get("x"), objective, Branch.ADVERSARIAL);

        assertClose("gradient", result.gradient(), get("grad/weights_gradient"), ATOL, RTOL);
    }

    @Test
    void divergenceGradientMatches() {
        Objective objective = new Objective.Divergence(get("grad/reference"));

        GradientResult result = dual.inputGradient(get("x_adv"), objective, Branch.CLEAN);

        assertClose("gradient", result.gradient(), get("grad/divergence_gradient"), ATOL, RTOL);
        assertClose("per-image divergence", result.objectives(), get("grad/divergence_values"), ATOL, RTOL);
    }

    @Test
    void layerGradientMatches() {
        Objective objective = new Objective.LogitWeights(get("labels"));

        LayerGradient result = dual.layerGradient(get("x"), "relu2", objective, Branch.CLEAN);

        assertThat(result.layer()).isEqualTo("relu2");
        assertClose("activation", result.activation(), get("cam/activation"), ATOL, RTOL);
        assertClose("gradient", result.gradient(), get("cam/gradient"), ATOL, RTOL);
    }

    @Test
    void twoAdamStepsOnDualTermsMatch() {
        try (Model model = freshDualModel()) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(0.01).withWeightDecay(0.01));
            TrainingBatch batch = new TrainingBatch(
                    java.util.List.of(
                            LossTerm.supervised(get("x"), get("labels"), Branch.CLEAN, 0.5),
                            LossTerm.supervised(get("x_adv"), get("labels"), Branch.ADVERSARIAL, 0.5)),
                    get("class_weights"));

            StepResult first = trainer.step(batch);
            StepResult second = trainer.step(batch);

            assertThat(first.applied()).isTrue();
            assertThat(first.loss())
                    .isCloseTo(get("adam/loss1").getDouble(0), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(second.loss())
                    .isCloseTo(get("adam/loss2").getDouble(0), org.assertj.core.data.Offset.offset(1e-5));
            assertAllClose("after two Adam steps", model.parameters(), TorchReference.withPrefix("adam/after/"), 5e-5);
        }
    }

    @Test
    void twoNesterovSgdTradesStepsMatch() {
        try (Model model = freshDualModel()) {
            OptimizerSpec sgd = new OptimizerSpec(OptimizerSpec.Type.SGD, 0.05, 0.9, 0.999, 1e-8, 0.9, true, 5e-4);
            Trainer trainer = model.trainer(sgd);
            LossTerm trades = new LossTerm(
                    LossTerm.Kind.TRADES, get("x_adv"), get("labels"), null, get("x"), Branch.CLEAN, 1.0, 6.0);

            StepResult first = trainer.step(TrainingBatch.of(trades));
            StepResult second = trainer.step(TrainingBatch.of(trades));

            assertThat(first.loss())
                    .isCloseTo(get("sgd/loss1").getDouble(0), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(second.loss())
                    .isCloseTo(get("sgd/loss2").getDouble(0), org.assertj.core.data.Offset.offset(1e-5));
            assertAllClose("after two SGD steps", model.parameters(), TorchReference.withPrefix("sgd/after/"), 5e-5);
        }
    }

    @Test
    void maskedSigmoidLossGradientMatches() {
        try (Model model = sigmoidModel()) {
            Objective objective = new Objective.Loss(get("sigmoid/labels"), get("sigmoid/mask"));

            GradientResult result = model.inputGradient(get("sigmoid/x"), objective, Branch.CLEAN);

            assertClose("gradient", result.gradient(), get("sigmoid/grad/loss_gradient"), ATOL, RTOL);
            assertClose("per-image loss", result.objectives(), get("sigmoid/grad/loss_values"), ATOL, RTOL);
        }
    }

    @Test
    void maskedSigmoidAdamStepMatches() {
        INDArray labels = get("sigmoid/labels").dup();
        INDArray mask = get("sigmoid/mask");
        labels.putScalar(new int[] {1, 0}, Float.NaN);
        labels.putScalar(new int[] {3, 2}, Float.NaN);
        try (Model model = sigmoidModel()) {
            Trainer trainer = model.trainer(OptimizerSpec.adam(0.01).withWeightDecay(0.01));
            LossTerm term = LossTerm.supervised(get("sigmoid/x"), labels, Branch.ADVERSARIAL, 1.0)
                    .withLabelMask(mask);

            StepResult result = trainer.step(new TrainingBatch(java.util.List.of(term), get("sigmoid/pos_weight")));

            assertThat(result.loss())
                    .isCloseTo(get("sigmoid/adam/loss1").getDouble(0), org.assertj.core.data.Offset.offset(1e-5));
            Map<String, INDArray> expected = TorchReference.withPrefix("sigmoid/adam/after/");
            assertAllClose("after one Adam step", model.parameters(), expected, 5e-5);
        }
    }

    private static Model freshDualModel() {
        return engine.create(
                TorchReference.spec(Head.SOFTMAX, Normalization.DUAL), TorchReference.withPrefix("param/"));
    }

    private static Model sigmoidModel() {
        return engine.create(
                TorchReference.spec(Head.SIGMOID, Normalization.SINGLE), TorchReference.withPrefix("sigmoid/param/"));
    }

    static INDArray scalar(double value) {
        return Nd4j.scalar(value);
    }
}
