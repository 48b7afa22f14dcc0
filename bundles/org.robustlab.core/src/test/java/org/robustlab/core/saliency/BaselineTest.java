package org.robustlab.core.saliency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BaselineTest {

    @Test
    void constantBaselineFillsValue() {
        INDArray images = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 3, 3);

        INDArray baseline = Baseline.constant(0.25).create(images);

        assertThat(baseline.shape()).containsExactly(2, 1, 3, 3);
        assertThat(baseline.minNumber().doubleValue()).isEqualTo(0.25);
        assertThat(baseline.maxNumber().doubleValue()).isEqualTo(0.25);
    }

    @Test
    void meanBaselineUsesEachImageAndChannel() {
        INDArray images =
                Nd4j.createFromArray(new float[] {0, 2, 4, 6, 10, 10, 10, 30}).reshape(2, 1, 2, 2);

        INDArray baseline = Baseline.mean().create(images);

        assertThat(baseline.getFloat(0, 0, 1, 1)).isEqualTo(3f);
        assertThat(baseline.getFloat(1, 0, 0, 0)).isEqualTo(15f);
    }

    @Test
    void blurKeepsConstantImageAndSpreadsImpulse() {
        INDArray constant = Nd4j.valueArrayOf(new long[] {1, 1, 5, 7}, 2f);
        INDArray impulse = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 9, 9);
        impulse.putScalar(new long[] {0, 0, 4, 4}, 1);

        INDArray blurredConstant = Baseline.blur(1).create(constant);
        INDArray blurredImpulse = Baseline.blur(1).create(impulse);

        assertThat(blurredConstant.minNumber().doubleValue()).isCloseTo(2, within(1e-6));
        assertThat(blurredConstant.maxNumber().doubleValue()).isCloseTo(2, within(1e-6));
        // Away from the edges the blur keeps the total mass; the centre weight is g(0)^2 with
        // g(0) = 1 / sum_{i=-4..4} exp(-i^2 / 2) = 0.39894 (the normal density at 0, truncated at 4 sigma).
        assertThat(blurredImpulse.sumNumber().doubleValue()).isCloseTo(1, within(1e-5));
        assertThat(blurredImpulse.getDouble(0, 0, 4, 4)).isCloseTo(0.39894 * 0.39894, within(1e-4));
        assertThat(blurredImpulse.getDouble(0, 0, 4, 5)).isCloseTo(blurredImpulse.getDouble(0, 0, 5, 4), within(1e-9));
    }

    @Test
    void blurWithoutSigmaIsRejected() {
        assertThatThrownBy(() -> new Baseline(Baseline.Kind.BLUR, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blurSigma");
    }
}
