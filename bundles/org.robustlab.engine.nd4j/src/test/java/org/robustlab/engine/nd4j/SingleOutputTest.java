package org.robustlab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.GradientResult;
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
 * Networks with one sigmoid output, as in a single-finding detection task, and batches of one image: the loss
 * reductions then run over axes of length 1.
 */
class SingleOutputTest {

    private static final NetworkSpec ONE_OUTPUT = TestNetworks.mini(Head.SIGMOID, Normalization.DUAL, 1);

    private final Nd4jEngine engine = new Nd4jEngine();

    @Test
    void trainingStepOnOneOutputIsBinaryCrossEntropy() {
        INDArray images = TestNetworks.images(301, 4, 2, 8, 8);
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}});

        try (Model model = engine.create(ONE_OUTPUT, TestNetworks.randomParameters(ONE_OUTPUT, 31))) {
            StepResult result = model.trainer(OptimizerSpec.adam(1e-3))
                    .step(TrainingBatch.of(LossTerm.supervised(images, labels, Branch.CLEAN, 1)));

            assertThat(result.applied()).isTrue();
            assertThat(result.loss())
                    .isCloseTo(binaryCrossEntropy(result.termLogits().get(0), labels), within(1e-5));
        }
    }

    @Test
    void inputGradientOfOneImageIsFinite() {
        INDArray image = TestNetworks.images(302, 1, 2, 8, 8);
        INDArray label = Nd4j.createFromArray(new float[][] {{1}});

        try (Model model = engine.create(ONE_OUTPUT, TestNetworks.randomParameters(ONE_OUTPUT, 32))) {
            GradientResult result = model.inputGradient(image, new Objective.Loss(label, null), Branch.ADVERSARIAL);

            assertThat(result.gradient().shape()).containsExactly(1, 2, 8, 8);
            assertThat(result.gradient().isInfinite().any()).isFalse();
            assertThat(result.gradient().isNaN().any()).isFalse();
            assertThat(result.objectives().getDouble(0))
                    .isCloseTo(binaryCrossEntropy(result.logits(), label), within(1e-5));
        }
    }

    @Test
    void trainingStepOnOneImageIsApplied() {
        INDArray image = TestNetworks.images(303, 1, 2, 8, 8);
        INDArray label = Nd4j.createFromArray(new float[][] {{0}});

        try (Model model = engine.create(ONE_OUTPUT, TestNetworks.randomParameters(ONE_OUTPUT, 33))) {
            StepResult result = model.trainer(OptimizerSpec.sgd(1e-2, 0))
                    .step(TrainingBatch.of(LossTerm.supervised(image, label, Branch.ADVERSARIAL, 1)));

            assertThat(result.applied()).isTrue();
            assertThat(result.loss())
                    .isCloseTo(binaryCrossEntropy(result.termLogits().get(0), label), within(1e-5));
        }
    }

    /** Returns the mean over images of {@code y * softplus(-l) + (1 - y) * softplus(l)}, in double precision. */
    private static double binaryCrossEntropy(INDArray logits, INDArray labels) {
        double sum = 0;
        for (int i = 0; i < labels.rows(); i++) {
            double l = logits.getDouble(i, 0);
            double y = labels.getDouble(i, 0);
            sum += y * Math.log1p(Math.exp(-l)) + (1 - y) * Math.log1p(Math.exp(l));
        }
        return sum / labels.rows();
    }
}
