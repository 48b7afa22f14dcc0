package org.robustlab.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.ui.charts.ChartCanvas;
import org.robustlab.ui.charts.CurveCharts;
import org.robustlab.ui.evaluation.EvaluationView;

/**
 * Robustness curves: a metric over the attack budget epsilon per model, from the {@code robustness/...} series
 * that the evaluation part builds from a run's attack sweep.
 */
@Component(service = EvaluationView.class)
@ContributionMetadata(
        id = "robustness-curves",
        label = "Robustness over epsilon",
        description = "A metric (AUROC by default) over the attack budget epsilon, one line per model and label.")
public final class RobustnessCurveView implements EvaluationView {

    /** Prefix of the series this view draws: {@code robustness/<attack>/<metric measure>/<model>/<label>}. */
    public static final String PREFIX = "robustness/";

    @Override
    public boolean accepts(List<MetricResult> results) {
        return !curves(results).isEmpty();
    }

    @Override
    public Control createControl(Composite parent, List<MetricResult> results) {
        return new ChartCanvas(
                        parent,
                        CurveCharts.lines(
                                "Robustness over the attack budget",
                                "epsilon",
                                "metric value",
                                curves(results),
                                false,
                                true))
                .control();
    }

    private static Map<String, List<double[]>> curves(List<MetricResult> results) {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (MetricResult result : results) {
            result.curves().forEach((key, points) -> {
                if (key.startsWith(PREFIX)) {
                    curves.put(key.substring(PREFIX.length()).replace('/', ' '), points);
                }
            });
        }
        return curves;
    }
}
