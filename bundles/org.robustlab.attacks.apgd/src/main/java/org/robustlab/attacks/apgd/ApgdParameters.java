package org.robustlab.attacks.apgd;

import java.util.Objects;

import org.robustlab.core.attack.Norm;
import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of {@link ApgdAttack}.
 *
 * @param norm L-infinity (signed steps) or L2 (unit-L2 steps)
 * @param epsilon radius of the ball around the clean image, in input units
 * @param iterations gradient passes per restart; the checkpoints of the step-size schedule are fractions of it
 * @param restarts number of runs per image; each image keeps the run that meets the goal, or else reaches the
 *     highest loss
 * @param randomStart whether each run starts at a uniform random point of the ball, clipped to the valid range
 * @param rho fraction of the steps between two checkpoints that must raise the loss for the step size to stay
 * @param momentum weight alpha of the new step against the previous one; 0.75 in Croce and Hein (2020)
 */
public record ApgdParameters(
        @Parameter(description = "Norm of the perturbation budget: l-infinity or l2")
        Norm norm,

        @Parameter(description = "Radius of the ball around the clean image", unit = "input units", min = 0)
        double epsilon,

        @Parameter(description = "Gradient passes per restart", min = 1)
        int iterations,

        @Parameter(description = "Number of restarts; each image keeps its strongest", min = 1)
        int restarts,

        @Parameter(description = "Start from a uniform random point of the ball")
        boolean randomStart,

        @Parameter(description = "Share of improving steps needed to keep the step size", min = 0, max = 1)
        double rho,

        @Parameter(description = "Weight alpha of the new step against the previous one", min = 0, max = 1)
        double momentum) {

    public ApgdParameters {
        Objects.requireNonNull(norm, "norm");
        if (norm == Norm.UNBOUNDED) {
            throw new IllegalArgumentException("norm must be l-infinity or l2, got unbounded");
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite value >= 0, got " + epsilon);
        }
        if (iterations < 1 || restarts < 1) {
            throw new IllegalArgumentException(
                    "iterations and restarts must be >= 1, got " + iterations + " and " + restarts);
        }
        if (!(rho >= 0 && rho <= 1) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("rho and momentum must be in [0, 1], got " + rho + " and " + momentum);
        }
    }

    /** Returns APGD-CE with rho 0.75 and momentum 0.75, one restart and a random start. */
    public static ApgdParameters of(Norm norm, double epsilon, int iterations) {
        return new ApgdParameters(norm, epsilon, iterations, 1, true, 0.75, 0.75);
    }
}
