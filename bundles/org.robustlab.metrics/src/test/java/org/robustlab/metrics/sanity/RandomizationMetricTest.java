package org.robustlab.metrics.sanity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.engine.Model;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.saliency.SaliencyMethods;
import org.robustlab.metrics.EvaluationData;
import org.robustlab.testing.OsgiServices;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.ReferenceNetworks;

class RandomizationMetricTest {

    private static INDArray images(long seed, int count) {
        Random random = new Random(seed);
        float[] values = new float[count * 12 * 12];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return Nd4j.createFromArray(values).reshape(count, 1, 12, 12);
    }

    @Test
    void layersAreRandomizedFromLogitsDown() {
        NetworkSpec spec = ReferenceNetworks.smallCnn(1, 2, Head.SOFTMAX, Normalization.DUAL);

        assertThat(RandomizationMetric.parameterizedLayersFromOutput(spec))
                .containsExactly("fc", "conv2", "bn1", "conv1");
    }

    @Test
    void cascadingRandomizationLowersGradientMapSimilarity() {
        NetworkSpec spec = ReferenceNetworks.smallCnn(1, 2, Head.SOFTMAX, Normalization.DUAL);
        Model model = ReferenceNetworks.create(spec, 21);
        INDArray images = images(5, 4);
        EvaluationData data = EvaluationData.builder(Head.SOFTMAX, List.of("a", "b"), Nd4j.ones(4, 2))
                .model("trained", model, Branch.ADVERSARIAL, null)
                .images(images, 0, 1)
                .services(
                        new ReferenceEngine(),
                        OsgiServices.await(AttackGenerators.class),
                        OsgiServices.await(SaliencyMethods.class))
                .saliency("trained", "vanilla-gradient", Nd4j.zeros(4, 12, 12))
                .saliencyTargets(Nd4j.createFromArray(new float[][] {{1, 0}, {1, 0}, {0, 1}, {0, 1}}))
                .seed(99)
                .build();
        RandomizationMetric metric = new RandomizationMetric();

        MetricResult result = metric.evaluate(data, metric.defaultParameters(), new NullProgressMonitor());

        List<double[]> spearman = result.curves().get("spearman/trained/vanilla-gradient");
        List<double[]> ssim = result.curves().get("ssim/trained/vanilla-gradient");
        assertThat(spearman).hasSize(4);
        assertThat(ssim).hasSize(4);
        // With every layer re-initialized the maps come from an unrelated network.
        assertThat(spearman.get(3)[1]).isLessThan(0.9);
        assertThat(ssim.get(3)[1]).isLessThan(0.9);
        assertThat(result.values())
                .allSatisfy(value -> assertThat(value.attributes()).containsKey("layer"));
    }
}
