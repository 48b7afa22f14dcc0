package org.robustlab.training;

import java.nio.file.Path;

import org.robustlab.core.engine.Model;

/**
 * How a training run ended.
 *
 * @param status why the run stopped
 * @param message a sentence for the user: what happened and, for a stopped run, how to go on
 * @param epochsCompleted epochs finished, validation included
 * @param steps optimizer steps applied in total, across resumptions
 * @param bestValidationLoss the lowest validation loss at the end of an epoch, or NaN without validation data
 * @param bestEpoch the epoch (from 1) of that loss, or 0
 * @param model the trained model, which the caller closes; {@code null} when the run diverged
 * @param checkpoint the latest checkpoint, from which the run resumes
 */
public record TrainingOutcome(
        Status status,
        String message,
        int epochsCompleted,
        long steps,
        double bestValidationLoss,
        int bestEpoch,
        Model model,
        Path checkpoint) {

    /** Why a run stopped. */
    public enum Status {
        /** Every epoch ran. */
        COMPLETED,
        /** Early stopping ended the run: the validation loss stopped improving. */
        EARLY_STOPPED,
        /** The progress monitor was cancelled; a checkpoint at the point of cancellation was written. */
        CANCELLED,
        /** The loss became NaN, infinite or larger than the divergence threshold; the last good checkpoint is kept. */
        DIVERGED
    }
}
