package org.robustlab.metrics.sanity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.metrics.EvaluationData;

class MapSimilarityMetricTest {

    @Test
    void identicalMapsScoreOneAndReversedRanksMinusOne() {
        INDArray maps = Nd4j.arange(2 * 12 * 12).castTo(DataType.FLOAT).reshape(2, 12, 12);
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("a"), Nd4j.ones(2, 1))
                .model("standard", null, Branch.CLEAN, null)
                .model("copy", null, Branch.CLEAN, null)
                .model("reversed", null, Branch.CLEAN, null)
                .saliency("standard", "grad", maps)
                .saliency("copy", "grad", maps.mul(3))
                .saliency("reversed", "grad", maps.neg())
                .build();
        MapSimilarityMetric metric = new MapSimilarityMetric();

        MetricResult result = metric.evaluate(
                data,
                new MapSimilarityMetric.Parameters(
                        new org.robustlab.core.saliency.SaliencyPostprocessing(false, 0, true), 0, 0.95),
                new NullProgressMonitor());

        assertThat(value(result, "spearman", "standard vs copy")).isCloseTo(1, within(1e-12));
        assertThat(value(result, "ssim", "standard vs copy")).isCloseTo(1, within(1e-9));
        assertThat(value(result, "spearman", "standard vs reversed")).isCloseTo(-1, within(1e-12));
    }

    private static double value(MetricResult result, String name, String pair) {
        return result.values().stream()
                .filter(v -> v.name().equals(name) && v.model().equals(pair))
                .mapToDouble(MetricValue::value)
                .findFirst()
                .orElseThrow();
    }
}
