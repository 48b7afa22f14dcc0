package org.robustlab.core.metric;

import java.util.Map;
import java.util.Objects;

/**
 * One number of a metric's result, with its confidence interval when it has one.
 *
 * @param metric the metric id
 * @param name what was measured, for example {@code auroc} or {@code pointing-game}
 * @param model the model it was measured on, or a pair such as {@code dual-bn vs standard} for paired tests
 * @param label the class or label, or {@code all} for a summary over labels
 * @param value the estimate; NaN when undefined (for example an AUROC without positive samples)
 * @param lower lower bound of the confidence interval, or NaN when there is none
 * @param upper upper bound of the confidence interval, or NaN when there is none
 * @param attributes further named values: {@code p-value}, {@code epsilon}, {@code n}, ...
 */
public record MetricValue(
        String metric,
        String name,
        String model,
        String label,
        double value,
        double lower,
        double upper,
        Map<String, Object> attributes) {

    public MetricValue {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(name, "name");
        model = model == null ? "" : model;
        label = label == null ? "all" : label;
        attributes = Map.copyOf(attributes);
    }

    /** Returns a value without a confidence interval or attributes. */
    public static MetricValue of(String metric, String name, String model, String label, double value) {
        return new MetricValue(metric, name, model, label, value, Double.NaN, Double.NaN, Map.of());
    }
}
