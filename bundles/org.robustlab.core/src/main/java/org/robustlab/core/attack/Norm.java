package org.robustlab.core.attack;

/** The norm that bounds a perturbation. */
public enum Norm {
    /** Largest absolute change of any pixel. */
    L_INFINITY,
    /** Euclidean length of the whole perturbation of one image. */
    L2,
    /** No bound: the attack searches for a small perturbation (DeepFool, Carlini-Wagner) but has no budget. */
    UNBOUNDED
}
