package org.robustlab.core.attack;

import java.util.Objects;

/**
 * What an attacker may do.
 *
 * @param norm the norm that bounds the perturbation
 * @param epsilon the perturbation budget in that norm, in input units; ignored for {@link Norm#UNBOUNDED}
 * @param knowledge what the attacker knows and uses, for example {@code white-box: input gradients}
 */
public record ThreatModel(Norm norm, double epsilon, String knowledge) {

    public ThreatModel {
        Objects.requireNonNull(norm, "norm");
        if (norm != Norm.UNBOUNDED && !(epsilon >= 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
    }

    /** Returns whether {@code distance} (in this norm) is within the budget, allowing float32 rounding. */
    public boolean contains(double distance) {
        return norm == Norm.UNBOUNDED || distance <= epsilon * (1 + 1e-5) + 1e-6;
    }
}
