package org.robustlab.core.model;

/** Output activation of a classifier, which also fixes its training loss. */
public enum Head {
    /** One class per image: softmax over the logits, cross-entropy loss against one-hot labels. */
    SOFTMAX,
    /** Independent labels per image (multi-label): sigmoid per logit, binary cross-entropy loss. */
    SIGMOID
}
