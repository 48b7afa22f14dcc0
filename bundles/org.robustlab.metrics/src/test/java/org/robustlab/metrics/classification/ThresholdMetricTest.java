package org.robustlab.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;

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

class ThresholdMetricTest {

    private final ThresholdMetric metric = new ThresholdMetric();

    private static double value(MetricResult result, String name, String label) {
        return result.values().stream()
                .filter(v -> v.name().equals(name) && v.label().equals(label))
                .mapToDouble(MetricValue::value)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void sigmoidCountsUseInclusiveThreshold() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {1}, {1}, {0}, {0}});
        INDArray scores = Nd4j.createFromArray(new double[][] {{0.5}, {0.7}, {0.2}, {0.5}, {0.1}});
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("a"), labels)
                .model("m", null, Branch.CLEAN, scores)
                .build();

        MetricResult result =
                metric.evaluate(data, new ThresholdMetric.Parameters(0.5, 0.95), new NullProgressMonitor());

        // Predicted positive: 0.5, 0.7 (true positives) and 0.5 (false positive): tp 2, fn 1, fp 1, tn 1.
        assertThat(value(result, "sensitivity", "a")).isEqualTo(2.0 / 3);
        assertThat(value(result, "specificity", "a")).isEqualTo(0.5);
        assertThat(value(result, "accuracy", "a")).isEqualTo(0.6);
    }

    @Test
    void softmaxUsesArgMaxClass() {
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
        INDArray scores = Nd4j.createFromArray(
                new double[][] {{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.5, 0.1, 0.4}, {0.1, 0.8, 0.1}});
        EvaluationData data = EvaluationData.builder(Head.SOFTMAX, List.of("x", "y", "z"), labels)
                .model("m", null, Branch.CLEAN, scores)
                .build();

        MetricResult result = metric.evaluate(data, metric.defaultParameters(), new NullProgressMonitor());

        assertThat(value(result, "accuracy", "all")).isEqualTo(0.75);
        assertThat(value(result, "sensitivity", "z")).isEqualTo(0.0);
        assertThat(value(result, "specificity", "x")).isEqualTo(2.0 / 3);
    }
}
