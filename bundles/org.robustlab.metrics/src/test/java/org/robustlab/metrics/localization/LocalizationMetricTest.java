package org.robustlab.metrics.localization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.Box;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.metrics.EvaluationData;

class LocalizationMetricTest {

    private final LocalizationMetric metric = new LocalizationMetric();

    private final LocalizationMetric.Parameters parameters =
            new LocalizationMetric.Parameters(0.25, SaliencyPostprocessing.NONE, 0, 0.95);

    /** Returns a 4 x 4 map with the given value at one pixel and 0 elsewhere. */
    private static INDArray peak(int row, int column, float value) {
        INDArray map = Nd4j.zeros(DataType.FLOAT, 1, 4, 4);
        map.putScalar(new long[] {0, row, column}, value);
        return map;
    }

    private static EvaluationData.Builder data(INDArray... maps) {
        EvaluationData.Builder builder =
                EvaluationData.builder(Head.SIGMOID, List.of("lesion"), Nd4j.ones(DataType.FLOAT, maps[0].size(0), 1));
        for (int m = 0; m < maps.length; m++) {
            builder.model("m" + m, null, Branch.CLEAN, null).saliency("m" + m, "grad", maps[m]);
        }
        return builder;
    }

    private static double value(MetricResult result, String name, String model) {
        return result.values().stream()
                .filter(v -> v.name().equals(name) && v.model().equals(model))
                .mapToDouble(MetricValue::value)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void pointingGameCountsBoxEdgesAsInside() {
        // The box spans columns 1..2 and rows 1..2, both edges inclusive.
        List<List<Box>> boxes = List.of(List.of(new Box("lesion", 1, 1, 2, 2)));

        MetricResult onEdge =
                metric.evaluate(data(peak(2, 2, 1)).boxes(boxes).build(), parameters, new NullProgressMonitor());
        MetricResult outside =
                metric.evaluate(data(peak(3, 2, 1)).boxes(boxes).build(), parameters, new NullProgressMonitor());

        assertThat(value(onEdge, "pointing-game", "m0")).isEqualTo(1);
        assertThat(value(outside, "pointing-game", "m0")).isEqualTo(0);
    }

    @Test
    void energyAndTopIouAgainstMask() {
        INDArray map = Nd4j.createFromArray(new float[] {4, 3, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
                .reshape(1, 4, 4);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 1, 4, 4);
        mask.putScalar(new long[] {0, 0, 0}, 1);
        mask.putScalar(new long[] {0, 1, 0}, 1);

        MetricResult result = metric.evaluate(data(map).masks(mask).build(), parameters, new NullProgressMonitor());

        // Energy inside: (4 + 2) / 10. Top 25 % = 4 pixels {4, 3, 2, 1}; the mask has 2 of them: IoU 2 / 4.
        assertThat(value(result, "energy-in-region", "m0")).isCloseTo(0.6, within(1e-12));
        assertThat(value(result, "top-k-iou", "m0")).isCloseTo(0.5, within(1e-12));
        assertThat(value(result, "pointing-game", "m0")).isEqualTo(1);
    }

    @Test
    void emptyMapMissesPointingGameAndIsLeftOutOfOthers() {
        List<List<Box>> boxes = List.of(List.of(new Box("lesion", 0, 0, 3, 3)));

        MetricResult result = metric.evaluate(
                data(Nd4j.zeros(DataType.FLOAT, 1, 4, 4)).boxes(boxes).build(), parameters, new NullProgressMonitor());

        assertThat(value(result, "pointing-game", "m0")).isEqualTo(0);
        assertThat(value(result, "energy-in-region", "m0")).isNaN();
        MetricValue iou = result.values().stream()
                .filter(v -> v.name().equals("top-k-iou"))
                .findFirst()
                .orElseThrow();
        assertThat(iou.attributes()).containsEntry("undefined", 1);
    }

    @Test
    void pairedTestComparesModelsImageByImage() {
        int images = 8;
        INDArray good = Nd4j.zeros(DataType.FLOAT, images, 4, 4);
        INDArray bad = Nd4j.zeros(DataType.FLOAT, images, 4, 4);
        java.util.List<List<Box>> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < images; i++) {
            good.putScalar(new long[] {i, 0, 0}, 1);
            good.putScalar(new long[] {i, 3, 3}, 0.1 * (i + 1));
            bad.putScalar(new long[] {i, 3, 3}, 1);
            bad.putScalar(new long[] {i, 0, 0}, 0.05 * (i + 1));
            boxes.add(List.of(new Box("lesion", 0, 0, 1, 1)));
        }

        MetricResult result =
                metric.evaluate(data(good, bad).boxes(boxes).build(), parameters, new NullProgressMonitor());

        MetricValue test = result.values().stream()
                .filter(v -> v.name().equals("energy-in-region-wilcoxon"))
                .findFirst()
                .orElseThrow();
        assertThat(test.model()).isEqualTo("m0 vs m1");
        assertThat(test.value()).isGreaterThan(0);
        // All 8 differences are positive and distinct: exact p = 2 / 2^8.
        assertThat((double) test.attributes().get("p-value")).isCloseTo(2.0 / 256, within(1e-12));
    }
}
