package org.robustlab.core.data;

/** The part of a dataset a sample belongs to. */
public enum Split {
    /** Samples the model is fitted on. */
    TRAIN,
    /** Samples for early stopping and model selection. */
    VALIDATION,
    /** Held-out samples for the reported results. */
    TEST
}
