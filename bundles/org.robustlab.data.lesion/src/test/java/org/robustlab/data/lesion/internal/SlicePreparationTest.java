package org.robustlab.data.lesion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SlicePreparationTest {

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] source = {
            0, 2, 4, 6,
            2, 4, 6, 8,
            1, 1, 3, 3,
            1, 1, 3, 3
        };

        float[] target = SlicePreparation.resizeArea(source, 4, 4, 2, 2);

        assertThat(target).containsExactly(2, 6, 1, 3);
    }

    @Test
    void nonIntegerShrinkWeightsByOverlap() {
        float[] source = {0, 3, 6};

        float[] target = SlicePreparation.resizeArea(source, 1, 3, 1, 2);

        assertThat(target[0]).isCloseTo((0 * 1 + 3 * 0.5f) / 1.5f, within(1e-6f));
        assertThat(target[1]).isCloseTo((3 * 0.5f + 6 * 1) / 1.5f, within(1e-6f));
    }

    @Test
    void enlargingInterpolatesWithHalfPixelCentres() {
        float[] target = SlicePreparation.resizeArea(new float[] {0, 4}, 1, 2, 1, 4);

        assertThat(target).containsExactly(0, 1, 3, 4);
    }

    @Test
    void ctWindowMapsToUnitInterval() {
        Volume volume = new Volume("g", "v", "CT", 1, 1, 4, new float[] {-1024, -160, 40, 240});

        float[] prepared = SlicePreparation.prepare(volume, 0, SlicePreparation.window(volume), 4);

        assertThat(prepared[1 * 4]).isZero();
        assertThat(prepared[1 * 4 + 1]).isZero();
        assertThat(prepared[1 * 4 + 2]).isCloseTo(0.5f, within(1e-6f));
        assertThat(prepared[1 * 4 + 3]).isEqualTo(1);
    }

    @Test
    void nonSquareSliceIsPaddedCentred() {
        Volume volume = new Volume("g", "v", "MR", 1, 2, 4, new float[] {1, 1, 1, 1, 1, 1, 1, 1});

        float[] prepared = SlicePreparation.prepare(volume, 0, new double[] {0, 1}, 4);

        assertThat(prepared).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
    }
}
