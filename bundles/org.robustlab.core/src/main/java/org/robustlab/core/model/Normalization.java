package org.robustlab.core.model;

/** How a network normalises its activations. */
public enum Normalization {
    /** One set of batch-norm scale, shift and running statistics, used for clean and adversarial inputs alike. */
    SINGLE,
    /**
     * Dual batch normalization: a clean and an adversarial set of batch-norm scale, shift and running
     * statistics; every other weight is shared between the two branches.
     */
    DUAL
}
