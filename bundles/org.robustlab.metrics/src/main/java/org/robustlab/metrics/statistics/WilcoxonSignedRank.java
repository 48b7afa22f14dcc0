package org.robustlab.metrics.statistics;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-sided Wilcoxon signed-rank test of paired differences (Wilcoxon, Biometrics Bulletin 1(6), 1945).
 * Zero differences are dropped (Wilcoxon's convention), tied absolute differences share midranks. The p-value is
 * exact for up to 50 non-zero differences without ties, from the distribution of the rank sum, and otherwise from
 * the normal approximation with the tie-corrected variance {@code n(n+1)(2n+1)/24 - sum(t^3 - t)/48} and no
 * continuity correction. These are the defaults of SciPy's {@code scipy.stats.wilcoxon}.
 *
 * @param n the number of non-zero differences
 * @param positiveRankSum {@code W+}, the rank sum of the positive differences
 * @param negativeRankSum {@code W-}, the rank sum of the negative differences
 * @param pValue the two-sided p-value; NaN when every difference is zero
 * @param exact whether the p-value is exact
 */
public record WilcoxonSignedRank(int n, double positiveRankSum, double negativeRankSum, double pValue, boolean exact) {

    private static final int EXACT_LIMIT = 50;

    /** Tests whether the differences are symmetric around zero. */
    public static WilcoxonSignedRank test(double[] differences) {
        double[] nonZero =
                java.util.Arrays.stream(differences).filter(d -> d != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return new WilcoxonSignedRank(0, 0, 0, Double.NaN, false);
        }
        double[] magnitudes = java.util.Arrays.stream(nonZero).map(Math::abs).toArray();
        double[] ranks = Ranks.midranks(magnitudes);
        double plus = 0;
        double minus = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                plus += ranks[i];
            } else {
                minus += ranks[i];
            }
        }
        double ties = Ranks.tieSum(magnitudes);
        if (n <= EXACT_LIMIT && ties == 0) {
            return new WilcoxonSignedRank(n, plus, minus, exactPValue(n, (int) Math.min(plus, minus)), true);
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24 - ties / 48;
        double z = (Math.min(plus, minus) - mean) / Math.sqrt(variance);
        double p = Math.min(1, 2 * new NormalDistribution().cumulativeProbability(-Math.abs(z)));
        return new WilcoxonSignedRank(n, plus, minus, p, false);
    }

    /** Returns {@code 2 P(W <= w)} under the null, counting the subsets of {1..n} whose sum is at most w. */
    private static double exactPValue(int n, int w) {
        int total = n * (n + 1) / 2;
        double[] counts = new double[total + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++) {
            for (int s = total; s >= k; s--) {
                counts[s] += counts[s - k];
            }
        }
        double lower = 0;
        for (int s = 0; s <= w; s++) {
            lower += counts[s];
        }
        return Math.min(1, 2 * lower / Math.pow(2, n));
    }
}
