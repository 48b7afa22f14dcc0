package org.robustlab.core.training;

import org.robustlab.core.contribution.Configurable;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Normalization;

/**
 * A training-mode contribution: turns a batch of clean images into the loss terms of one optimizer step,
 * generating adversarial or noisy images as the mode requires (standard, PGD adversarial training, dual batch
 * norm, TRADES, ...).
 *
 * <p>Attack generation inside {@link #prepare} uses the model only through its inference-mode methods, so it
 * changes no weight and no running statistic; only the trainer's step does.
 *
 * @param <P> the mode's parameter record
 */
public interface TrainingMode<P extends Record> extends Configurable<P> {

    /** Returns the normalization the mode trains: {@link Normalization#DUAL} for dual batch norm. */
    Normalization normalization(P parameters);

    /** Returns the loss terms for one batch. */
    TrainingBatch prepare(Model model, Batch batch, P parameters, TrainingModeContext context);
}
