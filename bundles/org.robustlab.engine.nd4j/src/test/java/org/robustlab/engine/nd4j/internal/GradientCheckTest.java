package org.robustlab.engine.nd4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.GradientResult;
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

/**
 * Checks the engine's gradients against central finite differences in float64 on a dual-BN network. It covers the
 * input gradient of both branches in inference mode. It also covers the gradient of a dual-BN training step (a
 * clean and an adversarial term with class weights) with respect to every trainable parameter, shared and per
 * branch.
 *
 * <p>Each array is checked along a random direction {@code v} that covers all of its elements: the directional
 * derivative {@code (f(x + h v) - f(x - h v)) / 2h} must equal {@code g . v}. A wrong entry anywhere in {@code g}
 * shows up unless it happens to be orthogonal to {@code v}, which a Gaussian direction makes improbable, at two
 * evaluations per array instead of two per element.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradientCheckTest {

    private static final double STEP = 1e-6;

    private static final NetworkSpec SPEC = TestNetworks.mini(Head.SOFTMAX, Normalization.DUAL);

    private final SameDiffModel model =
            new Nd4jEngine().create(SPEC, TestNetworks.randomParameters(SPEC, 11), DataType.DOUBLE);

    private final INDArray clean = TestNetworks.images(101, 4, 2, 8, 8).castTo(DataType.DOUBLE);

    private final INDArray adversarial = TestNetworks.images(102, 4, 2, 8, 8).castTo(DataType.DOUBLE);

    private final INDArray labels = TestNetworks.oneHot(3, 0, 2, 1, 1).castTo(DataType.DOUBLE);

    private final Random random = new Random(17);

    @AfterAll
    void closeModel() {
        model.close();
    }

    @Test
    void inputGradientMatchesFiniteDifferencesOnBothBranches() {
        Objective loss = Objective.Loss.of(labels);
        for (Branch branch : Branch.values()) {
            INDArray input = clean.dup();
            INDArray gradient = model.inputGradient(input, loss, branch).gradient();

            for (int direction = 0; direction < 2; direction++) {
                assertDirectionalDerivative(
                        input,
                        gradient,
                        "input, " + branch,
                        () -> model.inputGradient(input, loss, branch)
                                .objectives()
                                .sumNumber()
                                .doubleValue());
            }
        }
    }

    @Test
    void inputGradientOfSingleElementMatchesFiniteDifference() {
        Objective loss = Objective.Loss.of(labels);
        INDArray input = clean.dup();
        GradientResult result = model.inputGradient(input, loss, Branch.ADVERSARIAL);
        long index = 77;
        double original = input.getDouble(index);

        input.putScalar(index, original + STEP);
        double plus = model.inputGradient(input, loss, Branch.ADVERSARIAL)
                .objectives()
                .sumNumber()
                .doubleValue();
        input.putScalar(index, original - STEP);
        double minus = model.inputGradient(input, loss, Branch.ADVERSARIAL)
                .objectives()
                .sumNumber()
                .doubleValue();
        input.putScalar(index, original);

        assertClose(result.gradient().getDouble(index), (plus - minus) / (2 * STEP), "input[77]");
    }

    @Test
    void dualStepParameterGradientsMatchFiniteDifferences() {
        TrainingBatch batch = new TrainingBatch(
                List.of(
                        LossTerm.supervised(clean, labels, Branch.CLEAN, 1.0),
                        LossTerm.supervised(adversarial, labels, Branch.ADVERSARIAL, 0.7)),
                Nd4j.createFromArray(1.0, 2.0, 0.5));
        SameDiffTrainer trainer = (SameDiffTrainer) model.trainer(OptimizerSpec.sgd(0.1, 0));
        Map<String, INDArray> gradients = trainer.evaluate(batch).gradients();

        assertThat(gradients.keySet())
                .containsExactlyInAnyOrderElementsOf(model.store().trainableNames());
        for (String name : model.store().trainableNames()) {
            assertDirectionalDerivative(
                    model.store().get(name),
                    gradients.get(name),
                    name,
                    () -> trainer.evaluate(batch).total());
        }
    }

    @Test
    void tradesGradientMatchesFiniteDifferences() {
        LossTerm trades =
                new LossTerm(LossTerm.Kind.TRADES, adversarial, labels, null, clean, Branch.ADVERSARIAL, 1.0, 6.0);
        TrainingBatch batch = TrainingBatch.of(trades);
        SameDiffTrainer trainer = (SameDiffTrainer) model.trainer(OptimizerSpec.adam(0.01));
        Map<String, INDArray> gradients = trainer.evaluate(batch).gradients();

        for (String name :
                List.of("conv1.weight", "bn1.adversarial.weight", "block_bn2.adversarial.bias", "fc.weight")) {
            assertDirectionalDerivative(
                    model.store().get(name),
                    gradients.get(name),
                    "TRADES " + name,
                    () -> trainer.evaluate(batch).total());
        }
    }

    /** Moves {@code point} along a random direction and back, and compares the slope with the gradient. */
    private void assertDirectionalDerivative(INDArray point, INDArray gradient, String label, DoubleSupplier function) {
        INDArray direction = Nd4j.zeros(DataType.DOUBLE, point.shape());
        for (long i = 0; i < direction.length(); i++) {
            direction.putScalar(i, random.nextGaussian());
        }
        INDArray original = point.dup();
        point.addi(direction.mul(STEP));
        double plus = function.getAsDouble();
        point.assign(original).subi(direction.mul(STEP));
        double minus = function.getAsDouble();
        point.assign(original);

        double numeric = (plus - minus) / (2 * STEP);
        double analytic =
                gradient.castTo(DataType.DOUBLE).mul(direction).sumNumber().doubleValue();
        assertClose(analytic, numeric, label);
    }

    private static void assertClose(double analytic, double numeric, String label) {
        double tolerance = 1e-6 * Math.max(1, Math.abs(numeric)) + 1e-8;
        assertThat(analytic)
                .as("%s: analytic %s, numeric %s", label, analytic, numeric)
                .isCloseTo(numeric, Offset.offset(tolerance));
    }
}
