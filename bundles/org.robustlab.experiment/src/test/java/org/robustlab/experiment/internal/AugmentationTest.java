package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.training.Batch;
import org.robustlab.experiment.TrainingSettings;

/**
 * Expected images are worked out by hand from the definitions of torchvision's RandomHorizontalFlip,
 * RandomAffine (translation, zero fill) and ColorJitter (brightness multiplies, contrast blends with the mean).
 */
class AugmentationTest {

    private static final float[] THREE_BY_THREE = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void noAugmentationReturnsSameBatch() {
        Batch batch = batch(THREE_BY_THREE, 3, 3);

        assertThat(new Augmentation(settings(false, 0, 0, 0)).apply(batch, new Random(1)))
                .isSameAs(batch);
    }

    @Test
    void flipReversesEachRow() {
        Batch result = new Augmentation(settings(true, 0, 0, 0))
                .apply(batch(THREE_BY_THREE, 3, 3), new ScriptedRandom().flip(true));

        assertThat(pixels(result)).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
    }

    @Test
    void translateShiftsInZeros() {
        // translate 0.34 of 3 pixels allows shifts of -1, 0 and 1; the draws are dy = +1 (down), dx = -1 (left).
        Batch result = new Augmentation(settings(false, 0.34, 0, 0))
                .apply(
                        batch(THREE_BY_THREE, 3, 3),
                        new ScriptedRandom().shift(1, 1).shift(1, -1));

        assertThat(pixels(result)).containsExactly(0, 0, 0, 2, 3, 0, 5, 6, 0);
    }

    @Test
    void translateDrawsEveryShiftUpToLimit() {
        Augmentation augmentation = new Augmentation(settings(false, 0.25, 0, 0));
        float[] impulse = new float[64];
        impulse[3 * 8 + 3] = 1;
        Set<Integer> rows = new HashSet<>();
        Set<Integer> columns = new HashSet<>();
        Random random = new Random(7);

        for (int i = 0; i < 400; i++) {
            float[] shifted = pixels(augmentation.apply(batch(impulse, 8, 8), random));
            int position = indexOfOne(shifted);
            rows.add(position / 8 - 3);
            columns.add(position % 8 - 3);
        }

        assertThat(rows).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
        assertThat(columns).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
    }

    @Test
    void brightnessMultipliesAndClips() {
        // brightness 0.5 draws from [0.5, 1.5]; a uniform draw of 1.0 gives the factor 1.5.
        Batch result = new Augmentation(settings(false, 0, 0.5, 0))
                .apply(batch(new float[] {0.2f, 0.8f}, 1, 2), new ScriptedRandom().uniform(1.0));

        float[] pixels = pixels(result);
        assertThat(pixels[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(pixels[1]).isEqualTo(1f);
    }

    @Test
    void contrastBlendsWithImageMean() {
        // contrast 0.5 draws from [0.5, 1.5]; a uniform draw of 0 gives the factor 0.5, and the mean is 0.4.
        Batch result = new Augmentation(settings(false, 0, 0, 0.5))
                .apply(batch(new float[] {0.2f, 0.6f}, 1, 2), new ScriptedRandom().uniform(0));

        float[] pixels = pixels(result);
        assertThat(pixels[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(pixels[1]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void labelsAreUnchanged() {
        Batch batch = batch(THREE_BY_THREE, 3, 3);

        Batch result = new Augmentation(settings(true, 0.3, 0.3, 0.3)).apply(batch, new Random(3));

        assertThat(result.labels()).isEqualTo(batch.labels());
    }

    private static TrainingSettings settings(boolean flip, double translate, double brightness, double contrast) {
        return new TrainingSettings(
                1,
                1,
                OptimizerSpec.Type.ADAM,
                1e-3,
                0.9,
                0,
                List.of(),
                0.1,
                0,
                flip,
                translate,
                brightness,
                contrast,
                TrainingSettings.Selection.VALIDATION_LOSS);
    }

    private static Batch batch(float[] values, int height, int width) {
        INDArray inputs = Nd4j.create(values, new long[] {1, 1, height, width}, 'c');
        return new Batch(inputs, Nd4j.createFromArray(new float[][] {{1}}), null);
    }

    private static float[] pixels(Batch batch) {
        return batch.inputs().castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static int indexOfOne(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == 1) {
                return i;
            }
        }
        throw new AssertionError("the impulse was shifted out of the image");
    }

    /** Returns scripted draws in order: booleans for flips, integers for shifts, doubles for factors. */
    private static final class ScriptedRandom extends Random {

        private final Deque<Object> draws = new ArrayDeque<>();

        ScriptedRandom flip(boolean value) {
            draws.add(value);
            return this;
        }

        /** Scripts the draw of {@code nextInt(2 * max + 1)} that yields {@code shift}. */
        ScriptedRandom shift(int max, int shift) {
            draws.add(shift + max);
            return this;
        }

        ScriptedRandom uniform(double value) {
            draws.add(value);
            return this;
        }

        @Override
        public boolean nextBoolean() {
            return (Boolean) draws.remove();
        }

        @Override
        public int nextInt(int bound) {
            return (Integer) draws.remove();
        }

        @Override
        public double nextDouble() {
            return (Double) draws.remove();
        }
    }
}
