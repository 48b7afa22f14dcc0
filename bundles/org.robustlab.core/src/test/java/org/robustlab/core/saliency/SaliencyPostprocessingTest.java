package org.robustlab.core.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SaliencyPostprocessingTest {

    @Test
    void minMaxScalingMapsRangeToUnitInterval() {
        INDArray maps = Nd4j.createFromArray(new float[] {-2, 1, 0.5f}).reshape(1, 1, 3);

        INDArray scaled = new SaliencyPostprocessing(false, 0, true).apply(maps);

        // (v - min) / (max - min) with min -2 and max 1.
        assertThat(scaled.getFloat(0, 0, 0)).isCloseTo(0f, within(1e-7f));
        assertThat(scaled.getFloat(0, 0, 1)).isCloseTo(1f, within(1e-7f));
        assertThat(scaled.getFloat(0, 0, 2)).isCloseTo(2.5f / 3, within(1e-7f));
    }

    @Test
    void constantMapsBecomeZerosWithoutNaN() {
        INDArray maps = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 3);
        maps.slice(1).assign(5);

        INDArray processed = SaliencyPostprocessing.HAN_ET_AL.apply(maps);

        for (float value : processed.data().asFloat()) {
            assertThat(value).isZero();
        }
    }

    @Test
    void clippingBoundsOutlierAtThreeStandardDeviations() {
        float[] values = new float[100];
        values[99] = 100;
        INDArray maps = Nd4j.createFromArray(values).reshape(1, 10, 10);

        INDArray clipped = new SaliencyPostprocessing(false, 3, false).apply(maps);

        // mean = 1, population std = sqrt((99 * 1 + 99^2) / 100) = sqrt(99) ~ 9.9499; mean + 3 std = 30.8496.
        double bound = 1 + 3 * Math.sqrt(99);
        assertThat(clipped.getFloat(0, 9, 9)).isCloseTo((float) bound, within(1e-4f));
        assertThat(clipped.getFloat(0, 0, 0)).isZero();
    }

    @Test
    void absoluteValueComesBeforeScaling() {
        INDArray maps = Nd4j.createFromArray(new float[] {-4, 2, 0}).reshape(1, 1, 3);

        INDArray processed = new SaliencyPostprocessing(true, 0, true).apply(maps);

        assertThat(processed.getFloat(0, 0, 0)).isCloseTo(1f, within(1e-7f));
        assertThat(processed.getFloat(0, 0, 1)).isCloseTo(0.5f, within(1e-7f));
        assertThat(processed.getFloat(0, 0, 2)).isZero();
    }

    @Test
    void eachMapIsProcessedOnItsOwn() {
        INDArray maps = Nd4j.createFromArray(new float[] {0, 1, 0, 10}).reshape(2, 1, 2);

        INDArray processed = new SaliencyPostprocessing(false, 0, true).apply(maps);

        assertThat(processed.getFloat(0, 0, 1)).isEqualTo(1f);
        assertThat(processed.getFloat(1, 0, 1)).isEqualTo(1f);
    }

    @Test
    void inputIsNotModified() {
        INDArray maps = Nd4j.createFromArray(new float[] {-1, 3}).reshape(1, 1, 2);

        SaliencyPostprocessing.HAN_ET_AL.apply(maps);

        assertThat(maps.getFloat(0, 0, 0)).isEqualTo(-1f);
    }

    @Test
    void negativeClipWidthIsRejected() {
        assertThatThrownBy(() -> new SaliencyPostprocessing(false, -1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clipStandardDeviations")
                .hasMessageContaining("-1");
    }
}
