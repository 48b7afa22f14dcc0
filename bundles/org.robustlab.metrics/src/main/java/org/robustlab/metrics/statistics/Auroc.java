package org.robustlab.metrics.statistics;

/**
 * The area under the ROC curve and DeLong's variance of it (DeLong, DeLong and Clarke-Pearson, "Comparing the
 * areas under two or more correlated receiver operating characteristic curves: a nonparametric approach",
 * Biometrics 44(3), 837-845, 1988).
 *
 * <p>The AUROC is the Mann-Whitney statistic {@code P(X > Y) + P(X = Y) / 2} for a positive score {@code X} and a
 * negative score {@code Y}, so tied scores count one half. DeLong's structural components are computed from
 * midranks in O(n log n) as in Sun and Xu (IEEE Signal Processing Letters 21(11), 2014).
 *
 * @param auroc the area
 * @param positiveComponents {@code V10}: per positive sample, the fraction of negatives it outscores
 * @param negativeComponents {@code V01}: per negative sample, the fraction of positives that outscore it
 */
public record Auroc(double auroc, double[] positiveComponents, double[] negativeComponents) {

    /**
     * Computes the AUROC of scores whose higher values mean "positive".
     *
     * @throws IllegalArgumentException when either class is empty or a score is NaN
     */
    public static Auroc of(double[] scores, boolean[] positive) {
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("Score " + i + " is NaN");
            }
            positives += positive[i] ? 1 : 0;
        }
        int negatives = scores.length - positives;

        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "AUROC needs positive and negative samples, got " + positives + " and " + negatives);
        }
        double[] x = new double[positives];
        double[] y = new double[negatives];
        for (int i = 0, p = 0, n = 0; i < scores.length; i++) {
            if (positive[i]) {
                x[p++] = scores[i];
            } else {
                y[n++] = scores[i];
            }
        }

        double[] all = new double[scores.length];
        System.arraycopy(x, 0, all, 0, positives);
        System.arraycopy(y, 0, all, positives, negatives);
        double[] ranks = Ranks.midranks(all);
        double[] ranksX = Ranks.midranks(x);
        double[] ranksY = Ranks.midranks(y);

        double[] v10 = new double[positives];
        double[] v01 = new double[negatives];
        double sum = 0;
        for (int i = 0; i < positives; i++) {
            v10[i] = (ranks[i] - ranksX[i]) / negatives;
            sum += v10[i];
        }
        for (int j = 0; j < negatives; j++) {
            v01[j] = 1 - (ranks[positives + j] - ranksY[j]) / positives;
        }
        return new Auroc(sum / positives, v10, v01);
    }

    /** Returns DeLong's variance of the AUROC, {@code S10 / m + S01 / n}. */
    public double variance() {
        return covariance(this);
    }

    /**
     * Returns DeLong's covariance between this AUROC and another one computed on the same samples, in the same
     * order.
     */
    public double covariance(Auroc other) {
        return sampleCovariance(positiveComponents, other.positiveComponents) / positiveComponents.length
                + sampleCovariance(negativeComponents, other.negativeComponents) / negativeComponents.length;
    }

    private static double sampleCovariance(double[] a, double[] b) {
        if (a.length < 2) {
            return 0;
        }
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - meanA) * (b[i] - meanB);
        }
        return sum / (a.length - 1);
    }
}
