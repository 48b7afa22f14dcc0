package org.robustlab.experiment;

import org.robustlab.core.parameter.Parameter;

/**
 * The fractions of patients (or volumes) held out for validation and testing; the rest is for training.
 *
 * @param validation fraction for validation
 * @param test fraction for testing
 */
public record SplitSettings(
        @Parameter(description = "Fraction of patients or volumes for validation", min = 0, max = 0.9)
        double validation,

        @Parameter(description = "Fraction of patients or volumes for testing", min = 0, max = 0.9)
        double test) {

    public SplitSettings {
        if (validation + test >= 1) {
            throw new IllegalArgumentException(
                    "validation + test must be < 1 so that images remain for training, got " + (validation + test));
        }
    }

    /** Returns 10% for validation and 20% for testing. */
    public static SplitSettings defaults() {
        return new SplitSettings(0.1, 0.2);
    }
}
