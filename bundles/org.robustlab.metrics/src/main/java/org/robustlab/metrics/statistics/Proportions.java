package org.robustlab.metrics.statistics;

import org.apache.commons.math3.distribution.NormalDistribution;

/** Confidence intervals of binomial proportions. */
public final class Proportions {

    private Proportions() {}

    /**
     * Returns the Wilson score interval {lower, upper} of {@code successes} out of {@code trials} at {@code level}
     * (Wilson, JASA 22, 1927), which stays inside [0, 1] and is defined for 0 and n successes; NaN for no trials.
     */
    public static double[] wilson(long successes, long trials, double level) {
        if (trials == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        double p = (double) successes / trials;
        double denominator = 1 + z * z / trials;
        double centre = (p + z * z / (2 * trials)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
