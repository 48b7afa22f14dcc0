package org.robustlab.core.model;

/**
 * Batch-norm branch that an input goes through. A network with {@link Normalization#SINGLE} has one set of
 * batch-norm parameters and uses it for both branches.
 */
public enum Branch {
    /** The branch trained on clean images; the one used to deploy the model. */
    CLEAN,
    /** The branch trained on adversarial images. */
    ADVERSARIAL
}
