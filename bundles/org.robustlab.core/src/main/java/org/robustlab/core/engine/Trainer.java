package org.robustlab.core.engine;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates a model's parameters. A step runs the network in training mode: batch norm normalises with the batch
 * statistics and updates the running statistics of the branch that each loss term names, and nothing else.
 */
public interface Trainer {

    /** Returns the model this trainer updates. */
    Model model();

    /**
     * Runs one optimizer step on the sum of the batch's weighted loss terms.
     *
     * <p>When the loss is not finite, the step is skipped, parameters and running statistics stay unchanged,
     * and the result says so.
     */
    StepResult step(TrainingBatch batch);

    /** Returns the current learning rate. */
    double learningRate();

    /** Sets the learning rate for the next steps; schedules call this between epochs or steps. */
    void setLearningRate(double learningRate);

    /** Returns a copy of the optimizer state (moments and step count), for checkpoints. */
    Map<String, INDArray> optimizerState();

    /** Restores optimizer state saved by {@link #optimizerState()}. */
    void loadOptimizerState(Map<String, INDArray> state);
}
