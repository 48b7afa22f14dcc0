package org.robustlab.experiment.internal;

/**
 * The overall completion published with phase events. Training all models is counted as 80% of a run, split
 * evenly between the models; the dataset is 5% and the evaluation and report the remaining 15%. The split is a
 * fixed estimate, not a measurement.
 */
final class RunProgress {

    private static final double DATASET = 0.05;

    private static final double TRAINING = 0.80;

    private RunProgress() {}

    static double beforeModel(int index, int count) {
        return DATASET + TRAINING * index / Math.max(1, count);
    }

    static double evaluation(double fractionOfEvaluation) {
        return DATASET + TRAINING + (1 - DATASET - TRAINING) * fractionOfEvaluation;
    }
}
