package org.robustlab.metrics.robustness;

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
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.saliency.SaliencyMethods;
import org.robustlab.metrics.EvaluationData;
import org.robustlab.metrics.ModelScores;
import org.robustlab.testing.OsgiServices;
import org.robustlab.testing.ReferenceEngine;
import org.robustlab.testing.ReferenceNetworks;

class RobustnessSweepMetricTest {

    @Test
    void fgsmSweepStartsAtCleanAccuracyAndFalls() {
        Random random = new Random(7);
        float[] weights = new float[2 * 36];
        float[] pixels = new float[20 * 36];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        Model model = ReferenceNetworks.linearModel(
                Nd4j.createFromArray(weights).reshape(2, 1, 6, 6), Nd4j.zeros(2), Head.SOFTMAX);
        INDArray images = Nd4j.createFromArray(pixels).reshape(20, 1, 6, 6);
        INDArray probabilities = ModelScores.probabilities(model, images, Branch.CLEAN, 8);
        INDArray labels = Nd4j.zeros(20, 2);
        for (int i = 0; i < 20; i++) {
            labels.putScalar(i, probabilities.getDouble(i, 0) >= 0.5 ? 0 : 1, 1);
        }
        EvaluationData data = EvaluationData.builder(Head.SOFTMAX, List.of("a", "b"), labels)
                .model("linear", model, Branch.CLEAN, null)
                .images(images, 0, 1)
                .services(
                        new ReferenceEngine(),
                        OsgiServices.await(AttackGenerators.class),
                        OsgiServices.await(SaliencyMethods.class))
                .build();

        MetricResult result = new RobustnessSweepMetric()
                .evaluate(
                        data,
                        new RobustnessSweepMetric.Parameters(
                                "fgsm",
                                new double[] {0, 0.05, 0.3},
                                0,
                                RobustnessSweepMetric.BranchChoice.EVALUATION,
                                8),
                        new NullProgressMonitor());

        double[] accuracy = result.values().stream()
                .filter(v -> v.name().equals("robust-accuracy"))
                .mapToDouble(MetricValue::value)
                .toArray();
        // The labels are the model's own predictions, so the clean accuracy is 1.
        assertThat(accuracy).hasSize(3);
        assertThat(accuracy[0]).isEqualTo(1.0);
        assertThat(accuracy[1]).isLessThanOrEqualTo(accuracy[0]);
        assertThat(accuracy[2]).isLessThan(accuracy[1]);
        assertThat(result.curves().get("robust-accuracy/linear")).hasSize(3);
    }
}
