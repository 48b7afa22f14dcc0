package org.robustlab.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.metrics.EvaluationData;
import org.robustlab.metrics.statistics.Trapezoid;

class AurocMetricTest {

    private final AurocMetric metric = new AurocMetric();

    private static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    private static MetricValue value(MetricResult result, String name, String model, String label) {
        return result.values().stream()
                .filter(v -> v.name().equals(name)
                        && v.model().equals(model)
                        && v.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No value " + name + " " + model + " " + label));
    }

    @Test
    void valuesAndPairedTestMatchAsahReference() throws Exception {
        double[][] rows = AsahData.rows();
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("poor"), column(AsahData.column(rows, 0)))
                .model("s100b", null, Branch.CLEAN, column(AsahData.column(rows, 1)))
                .model("wfns", null, Branch.CLEAN, column(AsahData.column(rows, 2)))
                .seed(1)
                .build();

        MetricResult result =
                metric.evaluate(data, new AurocMetric.Parameters(500, 0.95, true), new NullProgressMonitor());

        MetricValue s100b = value(result, "auroc", "s100b", "poor");
        assertThat(s100b.value()).isCloseTo(0.731368563685637, within(1e-12));
        assertThat(s100b.lower()).isLessThan(s100b.value());
        assertThat(s100b.upper()).isGreaterThan(s100b.value());
        // pROC ci.auc(r1, method = "delong"): 0.630118211762 to 0.83261891561.
        assertThat((double) s100b.attributes().get("delong-lower")).isCloseTo(0.630118211762, within(1e-9));
        assertThat((double) s100b.attributes().get("delong-upper")).isCloseTo(0.83261891561, within(1e-9));
        MetricValue delong = value(result, "delong", "s100b vs wfns", "poor");
        assertThat(delong.value()).isCloseTo(0.731368563685637 - 0.823678861788618, within(1e-12));
        assertThat((double) delong.attributes().get("p-value")).isCloseTo(0.0271757822291882, within(1e-10));
        assertThat(value(result, "mean-auroc", "wfns", "all").value()).isCloseTo(0.823678861788618, within(1e-12));
    }

    @Test
    void rocCurveAreaEqualsAuroc() throws Exception {
        double[][] rows = AsahData.rows();
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("poor"), column(AsahData.column(rows, 0)))
                .model("wfns", null, Branch.CLEAN, column(AsahData.column(rows, 2)))
                .build();

        MetricResult result =
                metric.evaluate(data, new AurocMetric.Parameters(0, 0.95, false), new NullProgressMonitor());

        List<double[]> curve = result.curves().get("roc/wfns/poor");
        double[] x = curve.stream().mapToDouble(point -> point[0]).toArray();
        double[] y = curve.stream().mapToDouble(point -> point[1]).toArray();
        assertThat(Trapezoid.area(x, y)).isCloseTo(0.823678861788618, within(1e-12));
    }

    @Test
    void labelWithoutNegativesIsNaNWithNote() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 1}, {1, 0}, {1, 1}, {1, 0}});
        INDArray scores = Nd4j.createFromArray(new double[][] {{0.2, 0.9}, {0.4, 0.1}, {0.6, 0.8}, {0.8, 0.3}});
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("a", "b"), labels)
                .model("m", null, Branch.CLEAN, scores)
                .build();

        MetricResult result = metric.evaluate(data, metric.defaultParameters(), new NullProgressMonitor());

        assertThat(value(result, "auroc", "m", "a").value()).isNaN();
        assertThat(value(result, "auroc", "m", "b").value()).isEqualTo(1.0);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("Label a has 4 positive"));
        assertThat(value(result, "mean-auroc", "m", "all").value()).isEqualTo(1.0);
    }

    @Test
    void maskedAndUnknownLabelsAreSkipped() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {Double.NaN}, {1}, {0}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1}, {1}, {1}, {0}, {1}});
        INDArray scores = Nd4j.createFromArray(new double[][] {{0.9}, {0.1}, {0.5}, {0.0}, {0.2}});
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("a"), labels)
                .labelMask(mask)
                .model("m", null, Branch.CLEAN, scores)
                .build();

        MetricValue auroc = value(
                metric.evaluate(data, new AurocMetric.Parameters(0, 0.95, false), new NullProgressMonitor()),
                "auroc",
                "m",
                "a");

        // Only rows 0, 1 and 4 count: the positive 0.9 outscores both negatives.
        assertThat(auroc.value()).isEqualTo(1.0);
        assertThat(auroc.attributes()).containsEntry("n", 3);
    }
}
