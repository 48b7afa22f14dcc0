package org.robustlab.experiment.internal;

/**
 * Where a model's training stands after an epoch, saved with each checkpoint so that training resumes there.
 *
 * @param epoch the last completed epoch, 0 before the first
 * @param bestEpoch the epoch with the lowest validation loss so far, 0 when there is none
 * @param bestLoss the lowest validation loss so far, or infinity
 * @param epochsWithoutImprovement epochs since the validation loss last improved
 * @param stoppedEarly whether early stopping ended training
 * @param skippedSteps optimizer steps skipped because the loss was not finite
 */
record TrainingState(
        int epoch,
        int bestEpoch,
        double bestLoss,
        int epochsWithoutImprovement,
        boolean stoppedEarly,
        int skippedSteps) {

    static TrainingState initial() {
        return new TrainingState(0, 0, Double.POSITIVE_INFINITY, 0, false, 0);
    }

    /** Returns the state after an epoch with the given validation loss (NaN when there is no validation split). */
    TrainingState after(int completedEpoch, double validationLoss, int patience, int skipped) {
        boolean improved = validationLoss < bestLoss;
        int best = improved ? completedEpoch : bestEpoch;
        double bestValue = improved ? validationLoss : bestLoss;
        int without = improved || Double.isNaN(validationLoss) ? 0 : epochsWithoutImprovement + 1;
        boolean stop = patience > 0 && without >= patience;
        return new TrainingState(completedEpoch, best, bestValue, without, stop, skippedSteps + skipped);
    }
}
