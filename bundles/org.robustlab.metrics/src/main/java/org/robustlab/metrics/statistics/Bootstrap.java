package org.robustlab.metrics.statistics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993).
 * Resamples draw sample indices with replacement from a {@link SplittableRandom} with a fixed seed, so intervals
 * are reproducible.
 */
public final class Bootstrap {

    /** A statistic of the samples at the given indices; NaN skips the resample. */
    @FunctionalInterface
    public interface Statistic {
        double compute(int[] indices);
    }

    private Bootstrap() {}

    /**
     * Returns the statistic on {@code replicates} resamples of the indices 0..n-1. With {@code strata} set, each
     * resample keeps the number of samples of every stratum (stratified bootstrap, as pROC does for AUROC), so
     * every resample has both classes.
     *
     * @param strata a stratum per sample, or {@code null} for plain resampling
     * @return the finite replicate values, in draw order
     */
    public static double[] replicates(int n, int[] strata, int replicates, long seed, Statistic statistic) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] groups = groups(n, strata);
        double[] values = new double[replicates];
        int kept = 0;
        int[] indices = new int[n];
        for (int r = 0; r < replicates; r++) {
            int k = 0;
            for (int[] group : groups) {
                for (int i = 0; i < group.length; i++) {
                    indices[k++] = group[random.nextInt(group.length)];
                }
            }
            double value = statistic.compute(indices.clone());
            if (Double.isFinite(value)) {
                values[kept++] = value;
            }
        }
        return Arrays.copyOf(values, kept);
    }

    /**
     * Returns the two-sided percentile interval {lower, upper} at {@code level} (for example 0.95), with the
     * quantiles interpolated linearly between order statistics (R's default, type 7). NaN when there are none.
     */
    public static double[] percentileInterval(double[] replicates, double level) {
        if (replicates.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        return new double[] {quantile(sorted, alpha), quantile(sorted, 1 - alpha)};
    }

    /** Returns the type-7 quantile of sorted values. */
    public static double quantile(double[] sorted, double probability) {
        double position = probability * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static int[][] groups(int n, int[] strata) {
        if (strata == null) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return new int[][] {all};
        }
        int[] distinct = Arrays.stream(strata).distinct().sorted().toArray();
        int[][] groups = new int[distinct.length][];
        for (int g = 0; g < distinct.length; g++) {
            int stratum = distinct[g];
            groups[g] = java.util.stream.IntStream.range(0, n)
                    .filter(i -> strata[i] == stratum)
                    .toArray();
        }
        return groups;
    }
}
