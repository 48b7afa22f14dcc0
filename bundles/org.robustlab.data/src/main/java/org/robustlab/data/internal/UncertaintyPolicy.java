package org.robustlab.data.internal;

/**
 * The training value of CheXpert's uncertain labels (-1), named as in Irvin et al., CheXpert, AAAI 2019: U-Zeros,
 * U-Ones and U-Ignore.
 */
public enum UncertaintyPolicy {
    /** Uncertain counts as negative (U-Zeros). */
    ZEROS,
    /** Uncertain counts as positive (U-Ones). */
    ONES,
    /** Uncertain becomes NaN, which the loss masks out (U-Ignore). */
    IGNORE;

    /** Returns the training value of an uncertain label. */
    float value() {
        return switch (this) {
            case ZEROS -> 0f;
            case ONES -> 1f;
            case IGNORE -> Float.NaN;
        };
    }
}
