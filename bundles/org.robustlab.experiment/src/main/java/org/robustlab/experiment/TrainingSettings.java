package org.robustlab.experiment;

import java.util.List;

import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.parameter.Parameter;

/**
 * How every model of an experiment is trained; the training mode decides what each step optimises.
 *
 * @param epochs passes over the training images
 * @param batchSize clean images per optimizer step
 * @param optimizer Adam or SGD, with PyTorch's semantics
 * @param learningRate step size of the optimizer
 * @param momentum SGD momentum; ignored by Adam
 * @param weightDecay L2 penalty added to the gradient of every trainable parameter
 * @param milestones epochs after which the learning rate is multiplied by {@code decay}
 * @param decay factor applied to the learning rate at each milestone
 * @param patience epochs without a lower validation loss before training stops early; 0 never stops early
 * @param horizontalFlip whether training images are flipped left-right at random
 */
public record TrainingSettings(
        @Parameter(description = "Passes over the training images", unit = "epochs", min = 1, max = 100000)
        int epochs,

        @Parameter(description = "Clean images per optimizer step", unit = "images", min = 1, max = 65536)
        int batchSize,

        @Parameter(description = "Optimizer: adam or sgd (PyTorch semantics, L2 weight decay)")
        OptimizerSpec.Type optimizer,

        @Parameter(description = "Step size of the optimizer", min = 1e-9, max = 10)
        double learningRate,

        @Parameter(description = "Momentum of SGD; Adam ignores it", min = 0, max = 0.999)
        double momentum,

        @Parameter(description = "L2 penalty added to the gradient of every trainable parameter", min = 0, max = 1)
        double weightDecay,

        @Parameter(description = "Epochs after which the learning rate is multiplied by decay", unit = "epochs")
        List<Integer> milestones,

        @Parameter(description = "Factor applied to the learning rate at each milestone", min = 0, max = 1)
        double decay,

        @Parameter(
                description = "Epochs without a lower validation loss before training stops early; 0 never stops",
                unit = "epochs",
                min = 0,
                max = 100000)
        int patience,

        @Parameter(description = "Flip training images left-right at random")
        boolean horizontalFlip) {

    public TrainingSettings {
        milestones = List.copyOf(milestones);
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 1 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                throw new IllegalArgumentException("milestones must be increasing epochs >= 1, got " + milestones);
            }
        }
    }

    /** Returns 10 epochs of Adam at 1e-3 with batches of 32, no decay, no early stopping, no flips. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(10, 32, OptimizerSpec.Type.ADAM, 1e-3, 0.9, 0, List.of(), 0.1, 0, false);
    }

    /** Returns the optimizer these settings describe. */
    public OptimizerSpec optimizerSpec() {
        OptimizerSpec spec = optimizer == OptimizerSpec.Type.ADAM
                ? OptimizerSpec.adam(learningRate)
                : OptimizerSpec.sgd(learningRate, momentum);
        return spec.withWeightDecay(weightDecay);
    }

    /** Returns the learning rate for a 1-based epoch after the milestones passed so far. */
    public double learningRateAt(int epoch) {
        double rate = learningRate;
        for (int milestone : milestones) {
            if (epoch > milestone) {
                rate *= decay;
            }
        }
        return rate;
    }
}
