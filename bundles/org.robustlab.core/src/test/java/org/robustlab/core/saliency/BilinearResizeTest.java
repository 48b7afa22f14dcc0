package org.robustlab.core.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BilinearResizeTest {

    @Test
    void upsamplingUsesHalfPixelCentres() {
        INDArray map = Nd4j.createFromArray(new float[] {1, 0}).reshape(1, 1, 2);

        INDArray resized = BilinearResize.resize(map, 1, 4);

        // Output column i samples (i + 0.5) * 2 / 4 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        assertThat(resized.shape()).containsExactly(1, 1, 4);
        float[] expected = {1.0f, 0.75f, 0.25f, 0.0f};
        for (int x = 0; x < 4; x++) {
            assertThat(resized.getFloat(0, 0, x)).isCloseTo(expected[x], within(1e-6f));
        }
    }

    @Test
    void nonSquareUpsamplingMatchesPyTorch() {
        INDArray map =
                Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}).reshape(1, 2, 3);

        INDArray resized = BilinearResize.resize(map, 3, 5);

        // torch.nn.functional.interpolate(x, size=(3, 5), mode="bilinear", align_corners=False), PyTorch 1.13.
        float[][] expected = {{1.0f, 1.4f, 2.0f, 2.6f, 3.0f}, {2.5f, 2.9f, 3.5f, 4.1f, 4.5f}, {4f, 4.4f, 5f, 5.6f, 6f}};
        assertThat(resized.shape()).containsExactly(1, 3, 5);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                assertThat(resized.getFloat(0, y, x)).isCloseTo(expected[y][x], within(1e-5f));
            }
        }
    }

    @Test
    void downsamplingMatchesPyTorch() {
        INDArray map = Nd4j.arange(24)
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .reshape(1, 4, 6);

        INDArray resized = BilinearResize.resize(map, 2, 3);

        float[][] expected = {{3.5f, 5.5f, 7.5f}, {15.5f, 17.5f, 19.5f}};
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(resized.getFloat(0, y, x)).isCloseTo(expected[y][x], within(1e-5f));
            }
        }
    }

    @Test
    void wideTargetKeepsRowsAsHeight() {
        INDArray map = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 2, 4);
        map.putScalar(new long[] {1, 0, 3}, 1);

        INDArray resized = BilinearResize.resize(map, 64, 128);

        assertThat(resized.shape()).containsExactly(2, 64, 128);
        assertThat(resized.slice(0).amaxNumber().doubleValue()).isZero();
        assertThat(resized.getFloat(1, 0, 127)).isEqualTo(1f);
        assertThat(resized.getFloat(1, 63, 0)).isZero();
    }

    @Test
    void nonPositiveSizeIsRejected() {
        INDArray map = Nd4j.zeros(1, 2, 2);

        assertThatThrownBy(() -> BilinearResize.resize(map, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 x 4");
    }
}
