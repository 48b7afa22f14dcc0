package org.robustlab.saliency.occlusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;
import org.robustlab.testing.SaliencyTorchReference;

class OcclusionSaliencyTest extends SaliencyMethodContractTest<OcclusionSaliency.Parameters> {

    private final OcclusionSaliency method = new OcclusionSaliency();

    @Override
    protected SaliencyMethod<OcclusionSaliency.Parameters> method() {
        return method;
    }

    @Override
    protected OcclusionSaliency.Parameters parameters() {
        return new OcclusionSaliency.Parameters(3, 2, Baseline.ZERO);
    }

    @Test
    void windowStartsEndFlushWithEdge() {
        assertThat(OcclusionSaliency.starts(10, 3, 2)).containsExactly(0, 2, 4, 6, 7);
        assertThat(OcclusionSaliency.starts(8, 4, 4)).containsExactly(0, 4);
        assertThat(OcclusionSaliency.starts(3, 3, 5)).containsExactly(0);
    }

    @Test
    void singlePixelWindowsGiveLinearContribution() {
        INDArray weights = uniform(1, -1, 1, 1, 2, 4, 4);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.zeros(1), Head.SIGMOID);
        INDArray input = uniform(2, 0, 1, 1, 2, 4, 4);

        INDArray map = method.explain(
                        model,
                        input,
                        SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                        new OcclusionSaliency.Parameters(1, 1, Baseline.constant(0.5)),
                        SaliencyContext.of(0))
                .maps();

        // Replacing pixel (y, x) in both channels by 0.5 lowers the logit by sum_c w_c (x_c - 0.5).
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                double expected = 0;
                for (int c = 0; c < 2; c++) {
                    expected += weights.getDouble(0, c, y, x) * (input.getDouble(0, c, y, x) - 0.5);
                }
                assertThat(map.getDouble(0, y, x)).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void disjointWindowsCreditWholeWindowDrop() {
        INDArray weights = uniform(3, -1, 1, 1, 1, 4, 4);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.zeros(1), Head.SIGMOID);
        INDArray input = uniform(4, 0, 1, 1, 1, 4, 4);

        INDArray map = method.explain(
                        model,
                        input,
                        SaliencyTarget.ofClass(1, 1, 0, Branch.CLEAN),
                        new OcclusionSaliency.Parameters(2, 2, Baseline.ZERO),
                        SaliencyContext.of(0))
                .maps();

        double topLeft = 0;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                topLeft += weights.getDouble(0, 0, y, x) * input.getDouble(0, 0, y, x);
            }
        }
        assertThat(map.getDouble(0, 0, 0)).isCloseTo(topLeft, within(1e-5));
        assertThat(map.getDouble(0, 1, 1)).isCloseTo(topLeft, within(1e-5));
    }

    @Test
    void matchesPyTorchOcclusion() {
        Map<String, INDArray> torch = SaliencyTorchReference.arrays();

        INDArray map = method.explain(
                        SaliencyTorchReference.model(new ReferenceEngine()),
                        torch.get("input"),
                        new SaliencyTarget(torch.get("class_weights"), Branch.ADVERSARIAL),
                        new OcclusionSaliency.Parameters(4, 3, Baseline.ZERO),
                        new SaliencyContext(0, 16, null))
                .maps();

        INDArray expected = torch.get("occlusion_window4_stride3");
        double scale = expected.amaxNumber().doubleValue();
        double[] actual = map.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] reference = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertThat(actual).hasSameSizeAs(reference);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(reference[i], within(1e-5 * scale));
        }
    }

    private static INDArray uniform(long seed, double low, double high, long... shape) {
        java.util.Random random = new java.util.Random(seed);
        float[] values = new float[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return Nd4j.createFromArray(values).reshape(shape);
    }
}
