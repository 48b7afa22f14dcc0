package org.robustlab.saliency.gradient;

/**
 * A quadrature rule for the path integral of Integrated Gradients over {@code alpha} in [0, 1]: the points at
 * which the gradient is evaluated and their weights, which sum to 1.
 */
public enum IntegrationRule {
    /** Right Riemann sum, {@code alpha_k = k / m} for k = 1..m, the sum in Sundararajan et al. (2017). */
    RIEMANN_RIGHT,
    /** Midpoint rule, {@code alpha_k = (k - 0.5) / m} for k = 1..m. */
    RIEMANN_MIDPOINT,
    /** Trapezoid rule on m points from 0 to 1, the end points with half weight; needs m >= 2. */
    TRAPEZOID,
    /** Gauss-Legendre quadrature with m nodes, exact for polynomials of degree up to 2m - 1. */
    GAUSS_LEGENDRE;

    /** Returns {alphas, weights} for {@code steps} gradient evaluations. */
    double[][] nodes(int steps) {
        if (steps < 1 || (this == TRAPEZOID && steps < 2)) {
            throw new IllegalArgumentException(
                    this + " needs at least " + (this == TRAPEZOID ? 2 : 1) + " steps, got " + steps);
        }
        double[] alphas = new double[steps];
        double[] weights = new double[steps];
        switch (this) {
            case RIEMANN_RIGHT, RIEMANN_MIDPOINT -> {
                double shift = this == RIEMANN_RIGHT ? 0 : 0.5;
                for (int k = 0; k < steps; k++) {
                    alphas[k] = (k + 1 - shift) / steps;
                    weights[k] = 1.0 / steps;
                }
            }
            case TRAPEZOID -> {
                for (int k = 0; k < steps; k++) {
                    alphas[k] = (double) k / (steps - 1);
                    weights[k] = (k == 0 || k == steps - 1 ? 0.5 : 1.0) / (steps - 1);
                }
            }
            case GAUSS_LEGENDRE -> gaussLegendre(steps, alphas, weights);
        }
        return new double[][] {alphas, weights};
    }

    /**
     * Fills the Gauss-Legendre nodes and weights on [0, 1]: the roots {@code x_i} of the Legendre polynomial
     * {@code P_m} on [-1, 1], found by Newton's method from the estimate {@code cos(pi (i - 0.25) / (m + 0.5))},
     * with weights {@code 2 / ((1 - x^2) P_m'(x)^2)}, then mapped by {@code alpha = (x + 1) / 2} with halved weights.
     */
    private static void gaussLegendre(int m, double[] alphas, double[] weights) {
        for (int i = 0; i < m; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] values = legendre(m, x);
                derivative = values[1];
                double step = values[0] / derivative;
                x -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            derivative = legendre(m, x)[1];
            alphas[m - 1 - i] = (x + 1) / 2;
            weights[m - 1 - i] = 1 / ((1 - x * x) * derivative * derivative);
        }
    }

    /** Returns {P_m(x), P_m'(x)} from the three-term recurrence. */
    private static double[] legendre(int m, double x) {
        double previous = 1;
        double current = x;
        for (int n = 2; n <= m; n++) {
            double next = ((2 * n - 1) * x * current - (n - 1) * previous) / n;
            previous = current;
            current = next;
        }
        if (m == 0) {
            return new double[] {1, 0};
        }
        double derivative = m * (x * current - previous) / (x * x - 1);
        return new double[] {current, derivative};
    }
}
