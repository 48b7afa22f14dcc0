package org.robustlab.attacks.fgsm;

import java.util.Objects;

import org.robustlab.core.attack.Norm;
import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of {@link FgsmAttack}.
 *
 * @param norm L-infinity for FGSM (sign of the gradient), L2 for FGM (unit-L2 gradient direction)
 * @param epsilon radius of the ball around the clean image, in input units
 * @param randomStart whether the step starts at a uniform random point of the ball, clipped to the valid range
 * @param stepScale step size as a multiple of epsilon; 1 for FGSM, 1.25 for the random-start variant of Wong et
 *     al. (2020); the result is projected back onto the ball either way
 */
public record FgsmParameters(
        @Parameter(description = "Norm of the perturbation budget: l-infinity (FGSM) or l2 (FGM)")
        Norm norm,

        @Parameter(description = "Radius of the ball around the clean image", unit = "input units", min = 0)
        double epsilon,

        @Parameter(description = "Start from a uniform random point of the ball, clipped to the valid range")
        boolean randomStart,

        @Parameter(description = "Step size as a multiple of epsilon", unit = "x epsilon", min = 0)
        double stepScale) {

    public FgsmParameters {
        Objects.requireNonNull(norm, "norm");
        if (norm == Norm.UNBOUNDED) {
            throw new IllegalArgumentException("norm must be l-infinity or l2, got unbounded");
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite value >= 0, got " + epsilon);
        }
        if (!(stepScale > 0) || !Double.isFinite(stepScale)) {
            throw new IllegalArgumentException("stepScale must be a finite value > 0, got " + stepScale);
        }
    }

    /** Returns plain FGSM (or FGM for L2): no random start, one step of size epsilon. */
    public static FgsmParameters of(Norm norm, double epsilon) {
        return new FgsmParameters(norm, epsilon, false, 1);
    }
}
