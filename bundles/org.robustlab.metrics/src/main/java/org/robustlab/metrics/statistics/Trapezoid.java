package org.robustlab.metrics.statistics;

/** Areas under piecewise-linear curves. */
public final class Trapezoid {

    private Trapezoid() {}

    /** Returns the trapezoid-rule area under the points (x[i], y[i]), with x ascending. */
    public static double area(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[i - 1]) {
                throw new IllegalArgumentException("x must be ascending, got " + x[i - 1] + " before " + x[i]);
            }
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return area;
    }
}
