package org.robustlab.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void spearmanWithTiesMatchesSciPy() {
        // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 4, 9]) in SciPy 1.10.1.
        double rho = Correlations.spearman(new double[] {1, 2, 2, 3, 5}, new double[] {2, 1, 4, 4, 9});

        assertThat(rho).isCloseTo(0.7631578947368421, within(1e-14));
    }

    @Test
    void spearmanOfConstantSampleIsNaN() {
        assertThat(Correlations.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3}))
                .isNaN();
    }

    @Test
    void trapezoidAreasOfDeletionAndInsertionCurves() {
        double[] fractions = {0, 0.25, 0.5, 0.75, 1};

        // 0.25 x ((0.9 + 0.3) + (0.3 + 0.1) + (0.1 + 0.05) + (0.05 + 0)) / 2 = 0.225, and likewise 0.675.
        assertThat(Trapezoid.area(fractions, new double[] {0.9, 0.3, 0.1, 0.05, 0.0}))
                .isCloseTo(0.225, within(1e-15));
        assertThat(Trapezoid.area(fractions, new double[] {0.0, 0.6, 0.8, 0.85, 0.9}))
                .isCloseTo(0.675, within(1e-15));
    }

    @Test
    void percentileIntervalInterpolatesLikeR() {
        double[] replicates = {5, 1, 4, 2, 3};

        // R: quantile(1:5, c(0.025, 0.975)) = 1.1, 4.9.
        double[] interval = Bootstrap.percentileInterval(replicates, 0.95);

        assertThat(interval[0]).isCloseTo(1.1, within(1e-12));
        assertThat(interval[1]).isCloseTo(4.9, within(1e-12));
    }

    @Test
    void stratifiedBootstrapKeepsClassCounts() {
        int[] strata = {0, 0, 0, 1, 1};

        double[] counts = Bootstrap.replicates(5, strata, 50, 3, indices -> {
            int positives = 0;
            for (int index : indices) {
                positives += strata[index];
            }
            return positives;
        });

        assertThat(counts).hasSize(50).containsOnly(2.0);
    }

    @Test
    void wilsonIntervalMatchesClosedForm() {
        // 8 of 10 at 95 %: centre (0.8 + 1.96^2 / 20) / (1 + 1.96^2 / 10); R prop.test(8, 10, correct = FALSE)
        // gives 0.4901625 to 0.9433178.
        double[] interval = Proportions.wilson(8, 10, 0.95);

        assertThat(interval[0]).isCloseTo(0.4901625, within(1e-6));
        assertThat(interval[1]).isCloseTo(0.9433178, within(1e-6));
    }

    @Test
    void ssimOfIdenticalImagesIsOne() {
        double[] image = new double[16 * 16];
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.sin(i * 0.37) * 0.5 + 0.5;
        }

        assertThat(Ssim.mean(image, image, 16, 16, 1)).isCloseTo(1, within(1e-12));
    }

    @Test
    void ssimMatchesScikitImage() {
        double[] a = new double[16 * 20];
        double[] b = new double[16 * 20];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 20; x++) {
                a[y * 20 + x] = (Math.sin(x * 0.5) + Math.cos(y * 0.3)) / 4 + 0.5;
                b[y * 20 + x] = Math.min(1, Math.max(0, a[y * 20 + x] + 0.1 * Math.sin(x * y * 0.1)));
            }
        }

        // skimage.metrics.structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
        // use_sample_covariance=False, data_range=1.0) in scikit-image 0.19.3 (Debian python3-skimage).
        assertThat(Ssim.mean(a, b, 16, 20, 1)).isCloseTo(0.8888698241360138, within(1e-9));
    }
}
