package org.robustlab.metrics.statistics;

/** Correlation coefficients of paired samples. */
public final class Correlations {

    private Correlations() {}

    /** Returns Pearson's correlation, or NaN when either sample is constant. */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Samples differ in length: " + a.length + " and " + b.length);
        }
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }
        if (varianceA == 0 || varianceB == 0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }

    /**
     * Returns Spearman's rank correlation: Pearson's correlation of the midranks, or NaN when either sample is
     * constant.
     */
    public static double spearman(double[] a, double[] b) {
        return pearson(Ranks.midranks(a), Ranks.midranks(b));
    }
}
