package org.robustlab.experiment.internal;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.training.Batch;
import org.robustlab.experiment.TrainingSettings;

/**
 * Random changes of training images, in this order: left-right flip, shift by whole pixels with zeros shifted in,
 * brightness, then contrast, after torchvision's {@code RandomHorizontalFlip}, {@code RandomAffine} (translation
 * only) and {@code ColorJitter}. Images are in [0, 1], the range every dataset of a run is scaled to, and the
 * brightness and contrast changes clip to it. Labels are unchanged, so only augmentations that keep a label true
 * belong here.
 */
final class Augmentation {

    private final TrainingSettings settings;

    Augmentation(TrainingSettings settings) {
        this.settings = settings;
    }

    /**
     * Returns the batch with each image changed at random, drawing from {@code random} in a fixed order so that a
     * resumed run draws the same changes; returns the batch itself when the settings change nothing.
     */
    Batch apply(Batch batch, Random random) {
        if (!settings.augments()) {
            return batch;
        }
        long[] shape = batch.inputs().shape();
        float[] values = batch.inputs().castTo(DataType.FLOAT).dup('c').data().asFloat();
        int channels = (int) shape[1];
        int height = (int) shape[2];
        int width = (int) shape[3];
        for (int i = 0; i < shape[0]; i++) {
            Image image = new Image(values, i * channels * height * width, channels, height, width);
            if (settings.horizontalFlip() && random.nextBoolean()) {
                image.flip();
            }
            if (settings.translate() > 0) {
                int dy = shift(settings.translate(), image.height, random);
                int dx = shift(settings.translate(), image.width, random);
                image.translate(dy, dx);
            }
            if (settings.brightness() > 0) {
                image.scale(factor(settings.brightness(), random));
            }
            if (settings.contrast() > 0) {
                image.blendWithMean(factor(settings.contrast(), random));
            }
        }
        return new Batch(Nd4j.create(values, shape, 'c'), batch.labels(), batch.labelMask());
    }

    /** Draws a whole-pixel shift uniformly from [-m, m], with m = round(fraction * size). */
    private static int shift(double fraction, int size, Random random) {
        int max = (int) Math.round(fraction * size);
        return random.nextInt(2 * max + 1) - max;
    }

    /** Draws a factor uniformly from [max(0, 1 - spread), 1 + spread], as ColorJitter does. */
    private static double factor(double spread, Random random) {
        double low = Math.max(0, 1 - spread);
        return low + random.nextDouble() * (1 + spread - low);
    }

    /** One image of a batch in C order, [channels, height, width], changed in place. */
    private static final class Image {

        private final float[] values;

        private final int channels;

        private final int height;

        private final int width;

        private final int offset;

        Image(float[] values, int offset, int channels, int height, int width) {
            this.values = values;
            this.offset = offset;
            this.channels = channels;
            this.height = height;
            this.width = width;
        }

        int length() {
            return channels * height * width;
        }

        void flip() {
            for (int row = 0; row < channels * height; row++) {
                int start = offset + row * width;
                for (int x = 0; x < width / 2; x++) {
                    float swap = values[start + x];
                    values[start + x] = values[start + width - 1 - x];
                    values[start + width - 1 - x] = swap;
                }
            }
        }

        /** Moves the content down by {@code dy} and right by {@code dx} pixels, filling the vacated pixels with 0. */
        void translate(int dy, int dx) {
            float[] shifted = new float[length()];
            for (int c = 0; c < channels; c++) {
                for (int y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
                    int target = (c * height + y) * width;
                    int source = offset + (c * height + y - dy) * width;
                    for (int x = Math.max(0, dx); x < Math.min(width, width + dx); x++) {
                        shifted[target + x] = values[source + x - dx];
                    }
                }
            }
            System.arraycopy(shifted, 0, values, offset, shifted.length);
        }

        void scale(double factor) {
            for (int i = offset; i < offset + length(); i++) {
                values[i] = clip(values[i] * factor);
            }
        }

        /** Blends each value with the image's mean: {@code factor * v + (1 - factor) * mean}. */
        void blendWithMean(double factor) {
            double sum = 0;
            for (int i = offset; i < offset + length(); i++) {
                sum += values[i];
            }
            double mean = sum / length();
            for (int i = offset; i < offset + length(); i++) {
                values[i] = clip(factor * values[i] + (1 - factor) * mean);
            }
        }

        private static float clip(double value) {
            return (float) Math.max(0, Math.min(1, value));
        }
    }
}
