package org.robustlab.core.metric;

import java.util.List;
import java.util.Map;

/**
 * Everything one metric produced.
 *
 * @param metric the metric id
 * @param parameters the effective parameters, as written to reports
 * @param values the numbers
 * @param curves named series for plots, each a list of points {x, y} (ROC curves, robustness over epsilon,
 *     deletion curves); the map key says what the series is, for example {@code roc/standard/Lesion}
 * @param notes facts a reader needs, such as the direction of a score (lower deletion AUC is better)
 */
public record MetricResult(
        String metric,
        Map<String, Object> parameters,
        List<MetricValue> values,
        Map<String, List<double[]>> curves,
        List<String> notes) {

    public MetricResult {
        parameters = Map.copyOf(parameters);
        values = List.copyOf(values);
        curves = Map.copyOf(curves);
        notes = List.copyOf(notes);
    }
}
