package org.robustlab.metrics.faithfulness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.metrics.EvaluationData;
import org.robustlab.testing.ReferenceNetworks;

class DeletionInsertionMetricTest {

    private final DeletionInsertionMetric metric = new DeletionInsertionMetric();

    private final DeletionInsertionMetric.Parameters parameters = new DeletionInsertionMetric.Parameters(
            16,
            Baseline.ZERO,
            Baseline.ZERO,
            DeletionInsertionMetric.Score.LOGIT,
            SaliencyPostprocessing.NONE,
            8,
            0,
            0.95);

    /** Returns an 8 x 8 indicator of the 4 x 4 patch at rows and columns 2..5, [N, 8, 8]. */
    private static INDArray patch(int images) {
        INDArray indicator = Nd4j.zeros(DataType.FLOAT, images, 8, 8);
        for (int i = 0; i < images; i++) {
            for (int y = 2; y < 6; y++) {
                for (int x = 2; x < 6; x++) {
                    indicator.putScalar(new long[] {i, y, x}, 1);
                }
            }
        }
        return indicator;
    }

    private static INDArray uniform(long seed, long... shape) {
        Random random = new Random(seed);
        float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1f + 0.9f * random.nextFloat();
        }
        return Nd4j.createFromArray(values).reshape(shape);
    }

    private static double mean(MetricResult result, String name, String method) {
        return result.values().stream()
                .filter(v ->
                        v.name().equals(name) && method.equals(v.attributes().get("method")))
                .mapToDouble(MetricValue::value)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void patchIndicatorRanksBestOnPatchSumModel() {
        int images = 3;
        Model patchSum = ReferenceNetworks.linearModel(patch(1).reshape(1, 1, 8, 8), Nd4j.zeros(1), Head.SIGMOID);
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("sum"), Nd4j.ones(images, 1))
                .model("patch-sum", patchSum, Branch.CLEAN, null)
                .images(uniform(1, images, 1, 8, 8), 0, 1)
                .saliency("patch-sum", "indicator", patch(images))
                .saliency("patch-sum", "random", uniform(2, images, 8, 8))
                .saliency("patch-sum", "inverted", patch(images).rsub(1))
                .saliencyTargets(Nd4j.ones(images, 1))
                .build();

        MetricResult result = metric.evaluate(data, parameters, new NullProgressMonitor());

        double indicator = mean(result, "deletion-auc", "indicator");
        assertThat(indicator).isLessThan(mean(result, "deletion-auc", "random"));
        assertThat(mean(result, "deletion-auc", "random")).isLessThan(mean(result, "deletion-auc", "inverted"));
        assertThat(mean(result, "insertion-auc", "indicator")).isGreaterThan(mean(result, "insertion-auc", "random"));
        assertThat(mean(result, "insertion-auc", "random")).isGreaterThan(mean(result, "insertion-auc", "inverted"));
        assertThat(result.notes().get(0))
                .contains("deletion-auc: lower is better")
                .contains("higher is better");
    }

    @Test
    void aucsOfKnownCurvesFollowTheTrapezoidRule() {
        // Four bands of 16 pixels with logit contributions 0.6, 0.2, 0.05 and 0.05, ranked in that order, give
        // the deletion curve [0.9, 0.3, 0.1, 0.05, 0] and the insertion curve [0, 0.6, 0.8, 0.85, 0.9].
        double[] contributions = {0.6, 0.2, 0.05, 0.05};
        INDArray weights = Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 8);
        INDArray map = Nd4j.zeros(DataType.FLOAT, 1, 8, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                weights.putScalar(new long[] {0, 0, y, x}, contributions[y / 2] / 16);
                map.putScalar(new long[] {0, y, x}, 4 - y / 2);
            }
        }
        Model bands = ReferenceNetworks.linearModel(weights, Nd4j.zeros(1), Head.SIGMOID);
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("sum"), Nd4j.ones(1, 1))
                .model("bands", bands, Branch.CLEAN, null)
                .images(Nd4j.ones(DataType.FLOAT, 1, 1, 8, 8), 0, 1)
                .saliency("bands", "ranked", map)
                .saliencyTargets(Nd4j.ones(1, 1))
                .build();
        DeletionInsertionMetric.Parameters fourSteps = new DeletionInsertionMetric.Parameters(
                4,
                Baseline.ZERO,
                Baseline.ZERO,
                DeletionInsertionMetric.Score.LOGIT,
                SaliencyPostprocessing.NONE,
                8,
                0,
                0.95);

        MetricResult result = metric.evaluate(data, fourSteps, new NullProgressMonitor());

        double[] deletion = {0.9, 0.3, 0.1, 0.05, 0.0};
        double[] insertion = {0.0, 0.6, 0.8, 0.85, 0.9};
        for (int k = 0; k < 5; k++) {
            assertThat(result.curves().get("deletion/bands/ranked").get(k)[0]).isEqualTo(k * 0.25);
            assertThat(result.curves().get("deletion/bands/ranked").get(k)[1]).isCloseTo(deletion[k], within(1e-6));
            assertThat(result.curves().get("insertion/bands/ranked").get(k)[1]).isCloseTo(insertion[k], within(1e-6));
        }
        // Area under the deletion curve, not over it: 0.225 (over it would be 0.775); insertion 0.675.
        assertThat(mean(result, "deletion-auc", "ranked")).isCloseTo(0.225, within(1e-6));
        assertThat(mean(result, "insertion-auc", "ranked")).isCloseTo(0.675, within(1e-6));
    }

    @Test
    void curveStartsAtCleanScoreAndEndsAtBaselineScore() {
        Model patchSum = ReferenceNetworks.linearModel(patch(1).reshape(1, 1, 8, 8), Nd4j.zeros(1), Head.SIGMOID);
        INDArray image = uniform(3, 1, 1, 8, 8);
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("sum"), Nd4j.ones(1, 1))
                .model("patch-sum", patchSum, Branch.CLEAN, null)
                .images(image, 0, 1)
                .saliency("patch-sum", "indicator", patch(1))
                .saliencyTargets(Nd4j.ones(1, 1))
                .build();

        MetricResult result = metric.evaluate(data, parameters, new NullProgressMonitor());

        List<double[]> deletion = result.curves().get("deletion/patch-sum/indicator");
        double patchTotal = image.mul(patch(1).reshape(1, 1, 8, 8)).sumNumber().doubleValue();
        assertThat(deletion.get(0)[1]).isCloseTo(patchTotal, within(1e-5));
        // The 16 patch pixels are the first quarter of the 64, so the score is 0 from fraction 0.25 on.
        assertThat(deletion.get(4)[0]).isEqualTo(0.25);
        assertThat(deletion.get(4)[1]).isCloseTo(0, within(1e-6));
        assertThat(deletion.get(16)[1]).isCloseTo(0, within(1e-6));
    }

    @Test
    void emptyMapIsLeftOutWithoutFailure() {
        Model patchSum = ReferenceNetworks.linearModel(patch(1).reshape(1, 1, 8, 8), Nd4j.zeros(1), Head.SIGMOID);
        INDArray maps = patch(2);
        maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(0);
        EvaluationData data = EvaluationData.builder(Head.SIGMOID, List.of("sum"), Nd4j.ones(2, 1))
                .model("patch-sum", patchSum, Branch.CLEAN, null)
                .images(uniform(4, 2, 1, 8, 8), 0, 1)
                .saliency("patch-sum", "grad-cam", maps)
                .saliencyTargets(Nd4j.ones(2, 1))
                .build();

        MetricResult result = metric.evaluate(data, parameters, new NullProgressMonitor());

        MetricValue deletion = result.values().stream()
                .filter(v -> v.name().equals("deletion-auc"))
                .findFirst()
                .orElseThrow();
        assertThat(deletion.value()).isFinite();
        assertThat(deletion.attributes()).containsEntry("undefined", 1).containsEntry("n", 1);
    }
}
