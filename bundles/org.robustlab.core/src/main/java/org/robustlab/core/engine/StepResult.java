package org.robustlab.core.engine;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Outcome of one optimizer step.
 *
 * @param loss the summed weighted loss before the update
 * @param termLosses the unweighted loss of each term, in the batch's order
 * @param termLogits the training-mode logits of each term's input, for running accuracy
 * @param applied {@code false} when the loss was not finite and the step was skipped
 */
public record StepResult(double loss, double[] termLosses, List<INDArray> termLogits, boolean applied) {}
