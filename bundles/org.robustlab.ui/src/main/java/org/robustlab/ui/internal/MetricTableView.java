package org.robustlab.ui.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.ui.evaluation.EvaluationView;

/** Shows every number of the metric results in one table, with confidence intervals and p-values. */
@Component(service = EvaluationView.class)
@ContributionMetadata(
        id = "metric-table",
        label = "Metric table",
        description = "All metric values with their 95% intervals and attributes, one row per value.")
public final class MetricTableView implements EvaluationView {

    private static final String[] HEADINGS = {"Metric", "Measure", "Model", "Label", "Value", "95% interval", "Details"
    };

    @Override
    public boolean accepts(List<MetricResult> results) {
        return results.stream().anyMatch(result -> !result.values().isEmpty());
    }

    @Override
    public Control createControl(Composite parent, List<MetricResult> results) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String heading : HEADINGS) {
            new TableColumn(table, SWT.NONE).setText(heading);
        }
        for (MetricResult result : results) {
            for (MetricValue value : result.values()) {
                new TableItem(table, SWT.NONE).setText(row(value));
            }
        }
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        return table;
    }

    static String[] row(MetricValue value) {
        String interval = Double.isNaN(value.lower())
                ? ""
                : String.format(Locale.ROOT, "[%.4f, %.4f]", value.lower(), value.upper());
        return new String[] {
            value.metric(),
            value.name(),
            value.model(),
            value.label(),
            String.format(Locale.ROOT, "%.4f", value.value()),
            interval,
            value.attributes().toString()
        };
    }
}
