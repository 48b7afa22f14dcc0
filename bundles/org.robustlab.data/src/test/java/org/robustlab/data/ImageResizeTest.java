package org.robustlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Bilinear resizing with half-pixel centres; expected values from PyTorch's interpolate(align_corners=False). */
class ImageResizeTest {

    @Test
    void upsamplingUsesHalfPixelCentres() {
        float[] resized = ImageResize.bilinear(new float[] {1, 0}, 1, 2, 1, 4);

        assertThat(resized).containsExactly(new float[] {1f, 0.75f, 0.25f, 0f}, within(1e-6f));
    }

    @Test
    void downsamplingAveragesNeighbours() {
        float[] resized = ImageResize.bilinear(new float[] {0, 1, 2, 3}, 1, 4, 1, 2);

        assertThat(resized).containsExactly(new float[] {0.5f, 2.5f}, within(1e-6f));
    }

    @Test
    void rectangularImageKeepsRowsAndColumns() {
        float[] plane = new float[2 * 4];
        plane[3] = 1;

        float[] resized = ImageResize.bilinear(plane, 2, 4, 64, 128);

        assertThat(resized).hasSize(64 * 128);
        assertThat(resized[127]).isEqualTo(1f);
        assertThat(resized[63 * 128]).isEqualTo(0f);
    }

    @Test
    void sameSizeIsACopy() {
        float[] plane = {0.25f, 0.5f};

        assertThat(ImageResize.bilinear(plane, 1, 2, 1, 2))
                .containsExactly(0.25f, 0.5f)
                .isNotSameAs(plane);
    }
}
