package org.robustlab.core.event;

import java.util.Map;

/**
 * Progress of a training run, published after every batch and at the end of every epoch.
 *
 * @param runId the run's identifier
 * @param model the name of the model being trained
 * @param epoch the current epoch, from 1
 * @param epochs the planned number of epochs
 * @param batch the batch within the epoch, from 1; equal to {@code batches} at the end of an epoch
 * @param batches batches per epoch
 * @param losses named losses of the last batch (for example {@code clean}, {@code adversarial}, {@code total})
 * @param cleanAccuracy running accuracy on clean training images in this epoch, or NaN
 * @param adversarialAccuracy running accuracy on adversarial training images in this epoch, or NaN
 * @param validationLoss validation loss at the end of an epoch, otherwise NaN
 * @param imagesPerSecond training throughput over the last batch
 * @param memoryBytes resident memory of the process, or off-heap bytes in use where that is unknown
 * @param endOfEpoch whether this event closes an epoch
 */
public record TrainingProgress(
        String runId,
        String model,
        int epoch,
        int epochs,
        int batch,
        int batches,
        Map<String, Double> losses,
        double cleanAccuracy,
        double adversarialAccuracy,
        double validationLoss,
        double imagesPerSecond,
        long memoryBytes,
        boolean endOfEpoch) {

    public TrainingProgress {
        losses = Map.copyOf(losses);
    }
}
