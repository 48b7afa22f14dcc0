package org.robustlab.saliency.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.ReferenceNetworks;
import org.robustlab.testing.SaliencyMethodContractTest;

class SmoothGradSaliencyTest extends SaliencyMethodContractTest<SmoothGradSaliency.Parameters> {

    private static final double MAX_12_BIT = 4095;

    private final SmoothGradSaliency method = new SmoothGradSaliency();

    @Override
    protected SaliencyMethod<SmoothGradSaliency.Parameters> method() {
        return method;
    }

    @Override
    protected SmoothGradSaliency.Parameters parameters() {
        return new SmoothGradSaliency.Parameters(5, 0.15, false, ChannelReduction.SUM);
    }

    @Override
    protected boolean mapsDependOnBatchPosition() {
        return true;
    }

    /** Returns a 16 x 16 image with 12-bit values from 0 to 4095: a ramp with both extremes present. */
    private static INDArray twelveBitImage() {
        INDArray image = LinearModels.uniform(9, 0, MAX_12_BIT, 1, 1, 16, 16);
        image.putScalar(new long[] {0, 0, 0, 0}, 0);
        image.putScalar(new long[] {0, 0, 15, 15}, MAX_12_BIT);
        return image;
    }

    private static final SmoothGradSaliency.Parameters FIFTY_SAMPLES =
            new SmoothGradSaliency.Parameters(50, 0.15, false, ChannelReduction.SUM);

    @Test
    void noiseSigmaForTwelveBitImage() {
        assertNoiseSigma(twelveBitImage(), 614.25);
    }

    @Test
    void noiseSigmaForUnitRangeImage() {
        assertNoiseSigma(twelveBitImage().div(MAX_12_BIT), 0.15);
    }

    private void assertNoiseSigma(INDArray image, double expectedSigma) {
        CapturingModel model = new CapturingModel(
                ReferenceNetworks.create(ReferenceNetworks.smallCnn(1, 2, Head.SOFTMAX, Normalization.SINGLE), 1));

        SaliencyResult result = method.explain(
                model, image, SaliencyTarget.ofClass(1, 2, 0, Branch.CLEAN), FIFTY_SAMPLES, SaliencyContext.of(42));

        assertThat(((double[]) result.details().get("sigma"))[0])
                .isCloseTo(expectedSigma, within(1e-6 * expectedSigma));
        List<Double> noise = new ArrayList<>();
        for (INDArray batch : model.gradientInputs) {
            INDArray difference = batch.castTo(DataType.DOUBLE).sub(image.castTo(DataType.DOUBLE));
            for (double value : difference.dup('c').data().asDouble()) {
                noise.add(value);
            }
        }
        assertThat(noise).hasSize(50 * 256);
        double mean = noise.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance =
                noise.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (noise.size() - 1);
        assertThat(Math.sqrt(variance)).isCloseTo(expectedSigma, within(0.05 * expectedSigma));
    }

    @Test
    void linearModelSmoothGradEqualsWeights() {
        INDArray weights = LinearModels.uniform(3, -1, 1, 2, 1, 16, 16);
        Model model = ReferenceNetworks.linearModel(weights, Nd4j.zeros(2), Head.SOFTMAX);

        INDArray map = method.explain(
                        model,
                        twelveBitImage().div(MAX_12_BIT),
                        SaliencyTarget.ofClass(1, 2, 1, Branch.CLEAN),
                        FIFTY_SAMPLES,
                        SaliencyContext.of(42))
                .maps();

        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(map.getDouble(0, y, x)).isCloseTo(weights.getDouble(1, 0, y, x), within(1e-6));
            }
        }
    }

    @Test
    void mapScalesInverselyWithInputUnits() {
        NetworkSpec unit = ReferenceNetworks.smallCnn(1, 2, Head.SOFTMAX, Normalization.SINGLE);
        Map<String, INDArray> parameters = ReferenceNetworks.parameters(unit, 8);
        Model modelB = new ReferenceEngine().create(unit, parameters);
        Model modelA = rescaledInput(unit, parameters, 1 / MAX_12_BIT);
        INDArray imageA = twelveBitImage();
        INDArray imageB = imageA.div(MAX_12_BIT);
        SaliencyTarget target = SaliencyTarget.ofClass(1, 2, 0, Branch.CLEAN);

        INDArray mapA = method.explain(modelA, imageA, target, FIFTY_SAMPLES, SaliencyContext.of(42))
                .maps();
        INDArray mapB = method.explain(modelB, imageB, target, FIFTY_SAMPLES, SaliencyContext.of(42))
                .maps();

        // f_a(x) = g(x / 4095) and the same noise draws scaled by 4095, so map_b = 4095 map_a.
        double largest = mapB.amaxNumber().doubleValue();
        assertThat(largest).isGreaterThan(0);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertThat(MAX_12_BIT * mapA.getDouble(0, y, x))
                        .isCloseTo(mapB.getDouble(0, y, x), within(1e-4 * largest));
            }
        }
    }

    @Test
    void squaredVariantIsNonNegative() {
        INDArray maps = method.explain(
                        model(),
                        input(),
                        target(),
                        new SmoothGradSaliency.Parameters(4, 0.2, true, ChannelReduction.SUM),
                        SaliencyContext.of(3))
                .maps();

        assertThat(maps.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(maps.maxNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void samplesAreEvaluatedInBatches() {
        CapturingModel model = new CapturingModel(model());

        method.explain(
                model,
                input(),
                target(),
                new SmoothGradSaliency.Parameters(10, 0.1, false, ChannelReduction.SUM),
                new SaliencyContext(1, 8, null));

        // 2 images x 10 samples in batches of 8: 3 passes, not 20.
        assertThat(model.gradientInputs).hasSize(3);
        assertThat(model.gradientInputs.get(0).size(0)).isEqualTo(8);
        assertThat(model.gradientInputs.get(2).size(0)).isEqualTo(4);
    }

    /** Returns {@code unit} with a 1 x 1 convolution that multiplies the input by {@code factor} in front. */
    private static Model rescaledInput(NetworkSpec unit, Map<String, INDArray> parameters, double factor) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer.Conv2d("scale", NetworkSpec.INPUT, 1, 1, 1, 1, 0, false));
        for (Layer layer : unit.layers()) {
            layers.add(
                    layer instanceof Layer.Conv2d conv && conv.input().equals(NetworkSpec.INPUT)
                            ? new Layer.Conv2d(
                                    conv.name(),
                                    "scale",
                                    conv.inChannels(),
                                    conv.outChannels(),
                                    conv.kernel(),
                                    conv.stride(),
                                    conv.padding(),
                                    conv.bias())
                            : layer);
        }
        NetworkSpec spec = new NetworkSpec(
                "scaled", 1, unit.outputs(), unit.head(), unit.normalization(), layers, unit.output(), unit.camLayer());
        Map<String, INDArray> scaled = new LinkedHashMap<>(parameters);
        scaled.put("scale.weight", Nd4j.valueArrayOf(new long[] {1, 1, 1, 1}, (float) factor));
        return new ReferenceEngine().create(spec, scaled);
    }
}
