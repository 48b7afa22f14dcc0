package org.robustlab.metrics.statistics;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * DeLong's test of the difference between two correlated AUROCs measured on the same samples (DeLong, DeLong
 * and Clarke-Pearson, Biometrics 1988): {@code z = (A1 - A2) / sqrt(var1 + var2 - 2 cov)}, two-sided p-value from
 * the standard normal distribution.
 *
 * @param difference {@code A1 - A2}
 * @param standardError the standard error of the difference
 * @param z the test statistic; NaN when the standard error is 0
 * @param pValue the two-sided p-value; 1 when both AUROCs are identical on every resample, NaN when undefined
 */
public record DeLongComparison(double difference, double standardError, double z, double pValue) {

    /** Compares two AUROCs computed on the same samples in the same order. */
    public static DeLongComparison compare(Auroc first, Auroc second) {
        double variance = first.variance() + second.variance() - 2 * first.covariance(second);
        double difference = first.auroc() - second.auroc();
        double standardError = Math.sqrt(Math.max(0, variance));
        if (standardError == 0) {
            return new DeLongComparison(difference, 0, Double.NaN, difference == 0 ? 1 : Double.NaN);
        }
        double z = difference / standardError;
        double p = 2 * new NormalDistribution().cumulativeProbability(-Math.abs(z));
        return new DeLongComparison(difference, standardError, z, p);
    }

    /** Returns the two-sided confidence interval of the difference at {@code level}, for example 0.95. */
    public double[] interval(double level) {
        double quantile = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        return new double[] {difference - quantile * standardError, difference + quantile * standardError};
    }
}
