package org.robustlab.core.engine;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loss terms of one optimizer step.
 *
 * @param terms the terms, summed with their weights
 * @param classWeights [outputs] per-class weights for imbalanced data, or {@code null}: for a softmax head the
 *     weight of each image's class (PyTorch's {@code CrossEntropyLoss(weight=...)}, a weighted mean); for a
 *     sigmoid head the weight of positive targets ({@code BCEWithLogitsLoss(pos_weight=...)})
 */
public record TrainingBatch(List<LossTerm> terms, INDArray classWeights) {

    public TrainingBatch {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("A training batch needs at least one loss term");
        }
    }

    /** Returns a batch of these terms without class weights. */
    public static TrainingBatch of(LossTerm... terms) {
        return new TrainingBatch(List.of(terms), null);
    }
}
