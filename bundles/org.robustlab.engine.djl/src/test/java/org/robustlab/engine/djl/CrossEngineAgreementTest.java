package org.robustlab.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robustlab.engine.djl.TorchReference.assertAllClose;
import static org.robustlab.engine.djl.TorchReference.assertClose;
import static org.robustlab.engine.djl.TorchReference.get;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.engine.StepResult;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;

/**
 * Builds one specification with the same weights on the ND4J engine and on the PyTorch engine, both found as OSGi
 * services, and checks that logits, input gradients, layer gradients and one training step agree in float32.
 */
class CrossEngineAgreementTest {

    private static final double ATOL = 5e-5;

    private static final double RTOL = 1e-4;

    private static final NetworkSpec DUAL = TorchReference.spec(Head.SOFTMAX, Normalization.DUAL);

    private static Model nd4j;

    private static Model pytorch;

    @BeforeAll
    static void compileOnBothEngines() throws InvalidSyntaxException {
        Map<String, INDArray> weights = TorchReference.withPrefix("param/");
        nd4j = engine("nd4j").create(DUAL, weights);
        pytorch = engine("pytorch").create(DUAL, weights);
    }

    @AfterAll
    static void close() {
        nd4j.close();
        pytorch.close();
    }

    private static Engine engine(String id) throws InvalidSyntaxException {
        BundleContext context =
                FrameworkUtil.getBundle(CrossEngineAgreementTest.class).getBundleContext();
        String filter = "(robustlab.contribution.id=" + id + ")";
        ServiceReference<Engine> reference = context.getServiceReferences(Engine.class, filter).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("No Engine service with id " + id));
        return context.getService(reference);
    }

    @Test
    void enginesAreDistinct() {
        assertThat(nd4j.engine().library()).contains("ND4J");
        assertThat(pytorch.engine().library()).contains("PyTorch");
    }

    @Test
    void logitsAgreeOnBothBranches() {
        for (Branch branch : Branch.values()) {
            assertClose(
                    "logits " + branch, pytorch.logits(get("x"), branch), nd4j.logits(get("x"), branch), ATOL, RTOL);
        }
    }

    @Test
    void inputGradientsAgree() {
        List<Objective> objectives = List.of(
                Objective.Loss.of(get("labels")),
                new Objective.LogitWeights(get("grad/logit_weights")),
                new Objective.Divergence(get("grad/reference")));
        for (Objective objective : objectives) {
            String name = objective.getClass().getSimpleName();
            var expected = nd4j.inputGradient(get("x_adv"), objective, Branch.ADVERSARIAL);
            var actual = pytorch.inputGradient(get("x_adv"), objective, Branch.ADVERSARIAL);

            assertClose(name + " gradient", actual.gradient(), expected.gradient(), ATOL, RTOL);
            assertClose(name + " objectives", actual.objectives(), expected.objectives(), ATOL, RTOL);
        }
    }

    @Test
    void layerGradientsAgree() {
        Objective objective = new Objective.LogitWeights(get("labels"));

        var expected = nd4j.layerGradient(get("x"), "relu2", objective, Branch.CLEAN);
        var actual = pytorch.layerGradient(get("x"), "relu2", objective, Branch.CLEAN);

        assertClose("activation", actual.activation(), expected.activation(), ATOL, RTOL);
        assertClose("gradient", actual.gradient(), expected.gradient(), ATOL, RTOL);
    }

    @Test
    void dualAdamStepAgrees() {
        Map<String, INDArray> weights = TorchReference.withPrefix("param/");
        TrainingBatch batch = new TrainingBatch(
                List.of(
                        LossTerm.supervised(get("x"), get("labels"), Branch.CLEAN, 0.5),
                        LossTerm.supervised(get("x_adv"), get("labels"), Branch.ADVERSARIAL, 0.5)),
                get("class_weights"));
        OptimizerSpec adam = OptimizerSpec.adam(0.01).withWeightDecay(0.01);
        try (Model left = engineOf(nd4j).create(DUAL, weights);
                Model right = engineOf(pytorch).create(DUAL, weights)) {
            StepResult expected = left.trainer(adam).step(batch);
            StepResult actual = right.trainer(adam).step(batch);

            assertThat(actual.loss()).isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(1e-5));
            assertAllClose("after one Adam step", right.parameters(), left.parameters(), ATOL);
        }
    }

    private static Engine engineOf(Model model) {
        try {
            return engine(model == nd4j ? "nd4j" : "pytorch");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
