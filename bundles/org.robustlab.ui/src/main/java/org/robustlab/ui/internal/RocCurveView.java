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
 * ROC curves of every model and label from the {@code roc/<model>/<label>} series of the AUROC metric, drawn with
 * JFreeChart. NOTE: the metric results carry the curves and AUROC intervals but no pointwise band, so the legend
 * gives each curve's AUROC with its interval instead of a shaded confidence band.
 */
@Component(service = EvaluationView.class)
@ContributionMetadata(
        id = "roc-curves",
        label = "ROC curves",
        description = "ROC curves per model and label with AUROC and its interval in the legend.")
public final class RocCurveView implements EvaluationView {

    static final String PREFIX = "roc/";

    @Override
    public boolean accepts(List<MetricResult> results) {
        return !curves(results).isEmpty();
    }

    @Override
    public Control createControl(Composite parent, List<MetricResult> results) {
        return new ChartCanvas(
                        parent,
                        CurveCharts.lines(
                                "ROC curves (clean test images)",
                                "False positive rate",
                                "True positive rate",
                                curves(results),
                                true,
                                false))
                .control();
    }

    /** Returns the ROC series by legend text: model, label and AUROC with its interval when the results have it. */
    static Map<String, List<double[]>> curves(List<MetricResult> results) {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (MetricResult result : results) {
            result.curves().forEach((key, points) -> {
                if (key.startsWith(PREFIX)) {
                    String[] parts = key.substring(PREFIX.length()).split("/", 2);
                    curves.put(legend(result, parts[0], parts.length > 1 ? parts[1] : ""), points);
                }
            });
        }
        return curves;
    }

    private static String legend(MetricResult result, String model, String label) {
        return result.values().stream()
                .filter(value -> value.name().equals("auroc")
                        && value.model().equals(model)
                        && value.label().equals(label))
                .findFirst()
                .map(value -> String.format(
                        java.util.Locale.ROOT,
                        "%s %s (AUROC %.3f [%.3f, %.3f])",
                        model,
                        label,
                        value.value(),
                        value.lower(),
                        value.upper()))
                .orElse(model + " " + label);
    }
}
