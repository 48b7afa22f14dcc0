package org.robustlab.attacks.cw;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of {@link CwAttack}.
 *
 * @param confidence margin kappa by which the goal must be met; 0 in the L2 experiments of Carlini and Wagner (2017)
 * @param learningRate Adam's step size in the tanh space
 * @param steps Adam steps per value of the constant c
 * @param binarySearchSteps number of values of c tried per image
 * @param initialConst the first value of c, which weights the classification term against the squared distance
 * @param abortEarly whether a search for one value of c stops once its loss has not improved for a tenth of the
 *     steps
 * @param epsilon L2 budget: the result is projected onto the ball of this radius; infinity for the unbounded attack
 *     of Carlini and Wagner (2017)
 */
public record CwParameters(
        @Parameter(description = "Margin kappa by which the goal must be met", unit = "logits", min = 0)
        double confidence,

        @Parameter(description = "Adam step size in the tanh space", min = 0)
        double learningRate,

        @Parameter(description = "Adam steps per value of the constant c", min = 1)
        int steps,

        @Parameter(description = "Number of values of c tried by binary search", min = 1)
        int binarySearchSteps,

        @Parameter(description = "First value of the constant c", min = 0)
        double initialConst,

        @Parameter(description = "Stop a search once its loss stops improving")
        boolean abortEarly,

        @Parameter(description = "L2 radius the result is projected onto; infinity for no bound", min = 0)
        double epsilon) {

    public CwParameters {
        for (double value : new double[] {confidence, learningRate, initialConst}) {
            if (!(value >= 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("confidence, learningRate and initialConst must be finite and >= 0,"
                        + " got " + confidence + ", " + learningRate + ", " + initialConst);
            }
        }
        if (!(learningRate > 0) || !(initialConst > 0)) {
            throw new IllegalArgumentException(
                    "learningRate and initialConst must be > 0, got " + learningRate + " and " + initialConst);
        }
        if (steps < 1 || binarySearchSteps < 1) {
            throw new IllegalArgumentException(
                    "steps and binarySearchSteps must be >= 1, got " + steps + " and " + binarySearchSteps);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be >= 0 (infinity for no bound), got " + epsilon);
        }
    }

    /** Returns whether the result is projected onto a ball of finite radius. */
    public boolean bounded() {
        return Double.isFinite(epsilon);
    }
}
