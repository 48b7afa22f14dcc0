package org.robustlab.ui.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Table;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.experiment.RunSummary;
import org.robustlab.ui.charts.ChartCanvas;
import org.robustlab.ui.evaluation.RunResults;
import org.robustlab.ui.parts.EvaluationPart;

/** The evaluation part and its views on a real run of the quick lesion benchmark. */
class EvaluationPartTest {

    private EvaluationPart part;

    private RunSummary run;

    @BeforeEach
    void openRun() throws Exception {
        run = TinyRun.get();
        part = Workbench.showPart("evaluation", "evaluation", EvaluationPart.class);
        part.chooser().select(run.runFolder());
        Workbench.flush();
    }

    @Test
    void partHostsRocRobustnessAndTableViews() throws Exception {
        List<String> tabs = new ArrayList<>();
        for (CTabItem item : part.tabs().getItems()) {
            tabs.add(item.getText());
        }

        assertThat(tabs).contains("ROC curves", "Robustness over epsilon", "Metric table");
        part.showView("ROC curves");
        Workbench.screenshot("evaluation-roc.png");
        part.showView("Robustness over epsilon");
        Workbench.screenshot("evaluation-robustness.png");
        part.showView("Metric table");
        Workbench.flush();
        Table table = (Table) tabControl("Metric table");
        assertThat(table.getItemCount()).isGreaterThan(0);
        Workbench.screenshot("evaluation-table.png");
    }

    @Test
    void rocCurvesStartAtOriginAndEndAtOne() throws Exception {
        RunResults results = RunResults.read(run.runFolder());
        List<double[]> curve = null;
        for (MetricResult result : results.clean()) {
            for (var entry : result.curves().entrySet()) {
                if (entry.getKey().startsWith("roc/standard/")) {
                    curve = entry.getValue();
                }
            }
        }

        assertThat(curve).as("ROC curve of the standard model").isNotNull();
        assertThat(curve.get(0)).containsExactly(0.0, 0.0);
        assertThat(curve.get(curve.size() - 1)).containsExactly(1.0, 1.0);
        assertThat(tabControl("ROC curves")).isInstanceOf(Canvas.class);
    }

    @Test
    void robustnessSeriesCoverTheEpsilonSweep() throws Exception {
        RunResults results = RunResults.read(run.runFolder());
        var curves = results.robustness().curves();

        assertThat(curves).containsKey("robustness/pgd/auroc/standard/lesion");
        List<double[]> points = curves.get("robustness/pgd/auroc/standard/lesion");
        assertThat(points).extracting(point -> point[0]).containsExactly(0.0, 0.01);
        for (double[] point : points) {
            assertThat(point[1]).isBetween(0.0, 1.0);
        }
    }

    @Test
    void chartRendersIntoImageData() {
        JFreeChart chart = org.robustlab.ui.charts.CurveCharts.lines(
                "t", "x", "y", java.util.Map.of("line", List.of(new double[] {0, 0}, new double[] {1, 1})), true,
                false);
        var data = ChartCanvas.render(chart, 300, 200);

        assertThat(data.width).isEqualTo(300);
        assertThat(data.height).isEqualTo(200);
        // the chart background is white in the corner, outside the plot
        assertThat(data.getPixel(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    private org.eclipse.swt.widgets.Control tabControl(String label) {
        for (CTabItem item : part.tabs().getItems()) {
            if (item.getText().equals(label)) {
                return item.getControl();
            }
        }
        throw new AssertionError("No tab " + label);
    }
}
