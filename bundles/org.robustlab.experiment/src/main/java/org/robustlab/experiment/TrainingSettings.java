package org.robustlab.experiment;

import java.util.List;
import java.util.Objects;

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
 * @param translate largest random shift of a training image, as a fraction of its width and height, with zeros
 *     shifted in (the {@code translate} of torchvision's {@code RandomAffine}); 0 never shifts
 * @param brightness random brightness change of a training image: its values are multiplied by a factor drawn
 *     from [1 - brightness, 1 + brightness] (torchvision's {@code ColorJitter}); 0 never changes it
 * @param contrast random contrast change of a training image: it is blended with its mean by a factor drawn from
 *     [1 - contrast, 1 + contrast] (torchvision's {@code ColorJitter}); 0 never changes it
 * @param selection which epoch's weights the trained model keeps
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
        boolean horizontalFlip,

        @Parameter(
                description = "Largest random shift of a training image, as a fraction of its width and height",
                min = 0,
                max = 0.5)
        double translate,

        @Parameter(
                description = "Random brightness factor of training images, drawn from [1 - b, 1 + b]",
                min = 0,
                max = 1)
        double brightness,

        @Parameter(
                description = "Random contrast factor of training images, drawn from [1 - c, 1 + c]",
                min = 0,
                max = 1)
        double contrast,

        @Parameter(
                description = "Epoch whose weights are kept: validation-loss (the lowest validation loss, Han et al.)"
                        + " or last-epoch")
        Selection selection) {

    /** The rule that chooses which epoch's weights a trained model keeps. */
    public enum Selection {
        /** The epoch with the lowest validation loss, as Han et al. (2021) select; the last epoch without one. */
        VALIDATION_LOSS,
        /** The last epoch trained. */
        LAST_EPOCH
    }

    public TrainingSettings {
        milestones = List.copyOf(milestones);
        Objects.requireNonNull(selection, "selection");
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 1 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                throw new IllegalArgumentException("milestones must be increasing epochs >= 1, got " + milestones);
            }
        }
    }

    /**
     * Returns 10 epochs of Adam at 1e-3 with batches of 32, no decay, no early stopping, no augmentation and the
     * epoch with the lowest validation loss.
     */
    public static TrainingSettings defaults() {
        return new TrainingSettings(
                10,
                32,
                OptimizerSpec.Type.ADAM,
                1e-3,
                0.9,
                0,
                List.of(),
                0.1,
                0,
                false,
                0,
                0,
                0,
                Selection.VALIDATION_LOSS);
    }

    /** Returns whether any random change is applied to training images. */
    public boolean augments() {
        return horizontalFlip || translate > 0 || brightness > 0 || contrast > 0;
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
