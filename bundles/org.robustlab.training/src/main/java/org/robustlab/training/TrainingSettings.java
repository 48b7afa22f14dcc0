package org.robustlab.training;

import java.util.Arrays;
import java.util.Objects;

import org.robustlab.core.engine.OptimizerSpec;

/**
 * How a training run iterates and optimises.
 *
 * @param seed seed of the initial weights, the shuffling and every random draw of the training mode
 * @param epochs passes over the training split
 * @param batchSize images per optimizer step
 * @param optimizer optimizer and its initial learning rate
 * @param schedule learning rate per epoch
 * @param earlyStopping early stopping on the validation loss, or {@code null} to train every epoch
 * @param classWeights one weight per output: softmax class weights or sigmoid positive weights, see
 *     {@link org.robustlab.core.engine.TrainingBatch}; {@code null} for none
 * @param checkpointInterval optimizer steps between checkpoints; a checkpoint is also written at the end of every
 *     epoch and when the run is cancelled
 * @param divergenceThreshold a finite training loss above this value stops the run as diverged
 * @param minValue smallest valid pixel value of the inputs, for the training mode's attacks and noise
 * @param maxValue largest valid pixel value
 */
public record TrainingSettings(
        long seed,
        int epochs,
        int batchSize,
        OptimizerSpec optimizer,
        LearningRateSchedule schedule,
        EarlyStopping earlyStopping,
        double[] classWeights,
        int checkpointInterval,
        double divergenceThreshold,
        double minValue,
        double maxValue) {

    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException(
                    "batchSize must be >= 2, because batch norm needs two images to train, got " + batchSize);
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be >= 1 step, got " + checkpointInterval);
        }
        if (!(divergenceThreshold > 0)) {
            throw new IllegalArgumentException("divergenceThreshold must be > 0, got " + divergenceThreshold);
        }
        if (!(minValue < maxValue) || !Double.isFinite(minValue) || !Double.isFinite(maxValue)) {
            throw new IllegalArgumentException("Need finite minValue < maxValue, got " + minValue + " and " + maxValue);
        }
        if (classWeights != null) {
            classWeights = classWeights.clone();
            for (double weight : classWeights) {
                if (!(weight >= 0) || !Double.isFinite(weight)) {
                    throw new IllegalArgumentException(
                            "classWeights must be finite and >= 0, got " + Arrays.toString(classWeights));
                }
            }
        }
    }

    /**
     * Returns settings with a constant learning rate, no early stopping and no class weights, a checkpoint every
     * 100 steps, divergence above a loss of 1e4, and pixels in [0, 1].
     */
    public static TrainingSettings of(long seed, int epochs, int batchSize, OptimizerSpec optimizer) {
        return new TrainingSettings(
                seed, epochs, batchSize, optimizer, new LearningRateSchedule.Constant(), null, null, 100, 1e4, 0, 1);
    }

    @Override
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** Returns a copy with another schedule. */
    public TrainingSettings withSchedule(LearningRateSchedule newSchedule) {
        return new TrainingSettings(
                seed,
                epochs,
                batchSize,
                optimizer,
                newSchedule,
                earlyStopping,
                classWeights,
                checkpointInterval,
                divergenceThreshold,
                minValue,
                maxValue);
    }

    /** Returns a copy with early stopping. */
    public TrainingSettings withEarlyStopping(EarlyStopping stopping) {
        return new TrainingSettings(
                seed,
                epochs,
                batchSize,
                optimizer,
                schedule,
                stopping,
                classWeights,
                checkpointInterval,
                divergenceThreshold,
                minValue,
                maxValue);
    }

    /** Returns a copy with class weights. */
    public TrainingSettings withClassWeights(double[] weights) {
        return new TrainingSettings(
                seed,
                epochs,
                batchSize,
                optimizer,
                schedule,
                earlyStopping,
                weights,
                checkpointInterval,
                divergenceThreshold,
                minValue,
                maxValue);
    }

    /** Returns a copy with another checkpoint interval. */
    public TrainingSettings withCheckpointInterval(int steps) {
        return new TrainingSettings(
                seed,
                epochs,
                batchSize,
                optimizer,
                schedule,
                earlyStopping,
                classWeights,
                steps,
                divergenceThreshold,
                minValue,
                maxValue);
    }

    /** Returns a copy with another divergence threshold. */
    public TrainingSettings withDivergenceThreshold(double threshold) {
        return new TrainingSettings(
                seed,
                epochs,
                batchSize,
                optimizer,
                schedule,
                earlyStopping,
                classWeights,
                checkpointInterval,
                threshold,
                minValue,
                maxValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingSettings that
                && seed == that.seed
                && epochs == that.epochs
                && batchSize == that.batchSize
                && optimizer.equals(that.optimizer)
                && schedule.equals(that.schedule)
                && Objects.equals(earlyStopping, that.earlyStopping)
                && Arrays.equals(classWeights, that.classWeights)
                && checkpointInterval == that.checkpointInterval
                && Double.compare(divergenceThreshold, that.divergenceThreshold) == 0
                && Double.compare(minValue, that.minValue) == 0
                && Double.compare(maxValue, that.maxValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, epochs, batchSize, optimizer, schedule, earlyStopping, Arrays.hashCode(classWeights));
    }

    @Override
    public String toString() {
        return "TrainingSettings[seed=" + seed + ", epochs=" + epochs + ", batchSize=" + batchSize + ", optimizer="
                + optimizer + ", schedule=" + schedule + ", earlyStopping=" + earlyStopping + ", classWeights="
                + Arrays.toString(classWeights) + ", checkpointInterval=" + checkpointInterval
                + ", divergenceThreshold=" + divergenceThreshold + ", range=[" + minValue + ", " + maxValue + "]]";
    }
}
