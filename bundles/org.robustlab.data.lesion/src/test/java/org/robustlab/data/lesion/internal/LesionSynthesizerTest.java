package org.robustlab.data.lesion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.robustlab.data.lesion.LesionBenchmarkParameters;
import org.robustlab.data.lesion.ScanSource;

class LesionSynthesizerTest {

    private static final int SIZE = 64;

    /** Round lesions of radius 0.1 * 64 = 6.4 pixels, contrast exactly 0.4, always bright, sharp edge. */
    private static LesionBenchmarkParameters roundBright() {
        return new LesionBenchmarkParameters(
                List.of(ScanSource.CRANIUM_CT), List.of(), List.of(), 1, 0.5, 0.2, 0.1, 0.1, 1, 0, 0.4, 0.4, 1, 0.01);
    }

    private static float[] disc(float inside, double radius) {
        float[] image = new float[SIZE * SIZE];
        for (int i = 0; i < image.length; i++) {
            double dx = i % SIZE - 31.5;
            double dy = i / SIZE - 31.5;
            image[i] = Math.hypot(dx, dy) <= radius ? inside : 0;
        }
        return image;
    }

    @Test
    void roundLesionMaskHasCircleArea() {
        float[] image = disc(0.5f, 30);
        float[] mask = new float[image.length];

        Lesion lesion = new LesionSynthesizer(roundBright())
                .insert(image, mask, SIZE, new Random(1))
                .orElseThrow();

        double area = Math.PI * lesion.radius() * lesion.radius();
        assertThat((double) lesion.maskPixels()).isCloseTo(area, within(0.1 * area));
        assertThat(lesion.semiMajor()).isCloseTo(lesion.semiMinor(), within(1e-9));
    }

    @Test
    void lesionRaisesIntensityByContrastTimesSurroundingMean() {
        float[] image = disc(0.5f, 30);
        float[] mask = new float[image.length];

        Lesion lesion = new LesionSynthesizer(roundBright())
                .insert(image, mask, SIZE, new Random(2))
                .orElseThrow();

        int centre = (int) Math.round(lesion.centreY()) * SIZE + (int) Math.round(lesion.centreX());
        assertThat(lesion.surroundingMean()).isCloseTo(0.5, within(1e-6));
        assertThat(image[centre]).isCloseTo(0.5f * 1.4f, within(1e-3f));
        assertThat(mask[centre]).isEqualTo(1);
        assertThat(image[0]).isZero();
    }

    @Test
    void lesionLiesInsideTheBody() {
        float[] image = disc(0.5f, 14);
        float[] mask = new float[image.length];

        new LesionSynthesizer(roundBright())
                .insert(image, mask, SIZE, new Random(3))
                .orElseThrow();

        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1) {
                assertThat(Math.hypot(i % SIZE - 31.5, i / SIZE - 31.5)).isLessThanOrEqualTo(14);
            }
        }
    }

    @Test
    void smallBodyGetsNoLesion() {
        float[] image = disc(0.5f, 5);
        float[] copy = image.clone();

        Optional<Lesion> lesion =
                new LesionSynthesizer(roundBright()).insert(image, new float[image.length], SIZE, new Random(4));

        assertThat(lesion).isEmpty();
        assertThat(image).containsExactly(copy);
    }

    @Test
    void sameSeedDrawsSameLesion() {
        float[] first = disc(0.5f, 30);
        float[] second = disc(0.5f, 30);
        LesionSynthesizer synthesizer = new LesionSynthesizer(LesionBenchmarkParameters.defaults());

        Lesion a = synthesizer
                .insert(first, new float[first.length], SIZE, new Random(9))
                .orElseThrow();
        Lesion b = synthesizer
                .insert(second, new float[second.length], SIZE, new Random(9))
                .orElseThrow();

        assertThat(a).isEqualTo(b);
        assertThat(first).containsExactly(second);
    }
}
