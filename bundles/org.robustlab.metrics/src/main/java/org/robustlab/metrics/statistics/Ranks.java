package org.robustlab.metrics.statistics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Ranks of samples, with ties sharing the mean of the ranks they span (midranks). */
public final class Ranks {

    private Ranks() {}

    /** Returns the 1-based midrank of every value, in the input order. NaN is not allowed. */
    public static double[] midranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < values.length) {
            int end = start;
            while (end + 1 < values.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** Returns {@code sum(t^3 - t)} over the groups of tied values, for tie corrections. */
    public static double tieSum(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int start = 0;
        while (start < sorted.length) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            sum += t * t * t - t;
            start = end + 1;
        }
        return sum;
    }
}
