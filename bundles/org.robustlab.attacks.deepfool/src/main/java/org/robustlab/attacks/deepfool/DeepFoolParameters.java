package org.robustlab.attacks.deepfool;

import java.util.Objects;

import org.robustlab.core.attack.Norm;
import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of {@link DeepFoolAttack}.
 *
 * @param norm the norm whose nearest decision boundary each step moves to: L2, or L-infinity (steps along the
 *     sign of the boundary normal, distances measured with its L1 norm)
 * @param epsilon budget: the final perturbation is projected onto the ball of this radius in {@code norm};
 *     infinity for the unbounded attack of Moosavi-Dezfooli et al. (2016)
 * @param maxIterations largest number of linearisation steps
 * @param overshoot the accumulated perturbation is multiplied by {@code 1 + overshoot}, so that the image
 *     crosses the boundary instead of landing on it; 0.02 in Moosavi-Dezfooli et al. (2016)
 * @param candidates number of classes other than the label's class that each step considers: those with the
 *     highest clean logits; each costs one gradient pass per step
 */
public record DeepFoolParameters(
        @Parameter(description = "Norm of the perturbation: l2 or l-infinity")
        Norm norm,

        @Parameter(
                description = "Radius of the ball the result is projected onto; infinity for no bound",
                unit = "input units",
                min = 0)
        double epsilon,

        @Parameter(description = "Largest number of linearisation steps", min = 1)
        int maxIterations,

        @Parameter(description = "Factor 1 + overshoot applied to the accumulated perturbation", min = 0)
        double overshoot,

        @Parameter(description = "Classes other than the label's class considered per step", min = 1)
        int candidates) {

    public DeepFoolParameters {
        Objects.requireNonNull(norm, "norm");
        if (norm == Norm.UNBOUNDED) {
            throw new IllegalArgumentException(
                    "norm must be l2 or l-infinity, got unbounded; set epsilon to infinity for no bound");
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0 (infinity for no bound), got " + epsilon);
        }
        if (maxIterations < 1 || candidates < 1) {
            throw new IllegalArgumentException(
                    "maxIterations and candidates must be >= 1, got " + maxIterations + " and " + candidates);
        }
        if (!(overshoot >= 0) || !Double.isFinite(overshoot)) {
            throw new IllegalArgumentException("overshoot must be a finite value >= 0, got " + overshoot);
        }
    }

    /** Returns whether the result is projected onto a ball of finite radius. */
    public boolean bounded() {
        return Double.isFinite(epsilon);
    }
}
