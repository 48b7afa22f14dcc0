package org.robustlab.attacks.pgd;

import java.util.Objects;

import org.robustlab.core.attack.Norm;
import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of {@link PgdAttack}.
 *
 * @param norm L-infinity (signed-gradient steps, clamp projection) or L2 (unit-L2 steps, radial projection)
 * @param epsilon radius of the ball around the clean image, in input units
 * @param stepSize length of each step in the norm's units: each pixel moves by it for L-infinity, the whole
 *     image by it in L2 length for L2
 * @param iterations number of gradient steps per restart
 * @param randomStart whether each restart begins at a uniform random point of the ball, clipped to the valid
 *     range before the first gradient
 * @param earlyStop whether an image stops moving once the model's prediction meets the goal (see
 *     {@link org.robustlab.core.attack.AttackGoal#achieved}); the batch stops when every image has succeeded
 * @param restarts number of runs per image; with more than one, each image keeps the run that meets the goal,
 *     and among those or failing that the one with the highest loss (lowest towards a target)
 */
public record PgdParameters(
        @Parameter(description = "Norm of the perturbation budget: l-infinity or l2")
        Norm norm,

        @Parameter(description = "Radius of the ball around the clean image", unit = "input units", min = 0)
        double epsilon,

        @Parameter(description = "Length of each gradient step", unit = "input units", min = 0)
        double stepSize,

        @Parameter(description = "Number of gradient steps per restart", min = 1)
        int iterations,

        @Parameter(description = "Start each restart from a uniform random point of the ball")
        boolean randomStart,

        @Parameter(description = "Stop moving an image once the attack succeeds on it")
        boolean earlyStop,

        @Parameter(description = "Number of restarts; each image keeps its strongest", min = 1)
        int restarts) {

    public PgdParameters {
        Objects.requireNonNull(norm, "norm");
        if (norm == Norm.UNBOUNDED) {
            throw new IllegalArgumentException("norm must be l-infinity or l2, got unbounded");
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite value >= 0, got " + epsilon);
        }
        if (!(stepSize >= 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("stepSize must be a finite value >= 0, got " + stepSize);
        }
        if (iterations < 1 || restarts < 1) {
            throw new IllegalArgumentException(
                    "iterations and restarts must be >= 1, got " + iterations + " and " + restarts);
        }
    }

    /** Returns PGD with one restart and no early stop. */
    public static PgdParameters of(Norm norm, double epsilon, double stepSize, int iterations, boolean randomStart) {
        return new PgdParameters(norm, epsilon, stepSize, iterations, randomStart, false, 1);
    }
}
