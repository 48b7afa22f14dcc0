package org.robustlab.engine.nd4j.internal;

/** The graphs a model compiles per batch-norm branch. */
enum GraphKind {
    /** Running statistics, parameters as constants, gradient with respect to the input and to activations. */
    INFERENCE,
    /** Batch statistics, trainable parameters as variables, gradient with respect to the parameters. */
    TRAINING,
    /** Two training-mode copies of the network (clean reference and adversarial input) joined by the TRADES loss. */
    TRADES
}
