package org.robustlab.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values from scipy.stats.wilcoxon of SciPy 1.10.1 (Debian python3-scipy) with default options. */
class WilcoxonSignedRankTest {

    @Test
    void smallSampleWithoutTiesIsExact() {
        WilcoxonSignedRank result = WilcoxonSignedRank.test(new double[] {1.5, -0.5, 2.5, 3.5, -4.5, 5.5, 6.5});

        // W- = 1 + 5 = 6; 14 of the 128 sign patterns have a rank sum <= 6, so p = 2 x 14 / 128.
        assertThat(result.exact()).isTrue();
        assertThat(result.negativeRankSum()).isEqualTo(6);
        assertThat(result.pValue()).isCloseTo(0.21875, within(1e-15));
    }

    @Test
    void zerosAndTiesUseNormalApproximation() {
        WilcoxonSignedRank result = WilcoxonSignedRank.test(new double[] {3, -1, 3, 2, 0, 4, 4, 1, 5, -2});

        assertThat(result.n()).isEqualTo(9);
        assertThat(result.exact()).isFalse();
        assertThat(Math.min(result.positiveRankSum(), result.negativeRankSum())).isEqualTo(5);
        assertThat(result.pValue()).isCloseTo(0.03747657640525826, within(1e-12));
    }

    @Test
    void largeSampleUsesNormalApproximation() {
        double[] differences = new double[60];
        for (int i = 0; i < 60; i++) {
            differences[i] = (i % 7) - 2.9 + 0.013 * i;
        }

        WilcoxonSignedRank result = WilcoxonSignedRank.test(differences);

        assertThat(result.exact()).isFalse();
        assertThat(Math.min(result.positiveRankSum(), result.negativeRankSum())).isEqualTo(745);
        assertThat(result.pValue()).isCloseTo(0.21076213695821444, within(1e-12));
    }

    @Test
    void allZeroDifferencesGiveNaN() {
        assertThat(WilcoxonSignedRank.test(new double[] {0, 0, 0}).pValue()).isNaN();
    }
}
