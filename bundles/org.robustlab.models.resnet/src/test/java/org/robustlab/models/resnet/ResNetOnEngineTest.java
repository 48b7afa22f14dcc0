package org.robustlab.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.engine.LayerGradient;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.engine.nd4j.Nd4jEngine;

/** Runs the architectures inside Equinox: their registration and a compiled small ResNet on the ND4J engine. */
class ResNetOnEngineTest {

    @Test
    void architecturesAreRegistered() throws InterruptedException {
        BundleContext context =
                FrameworkUtil.getBundle(ResNetOnEngineTest.class).getBundleContext();
        ServiceTracker<ModelArchitectures, ModelArchitectures> tracker =
                new ServiceTracker<>(context, ModelArchitectures.class, null);
        tracker.open();
        try {
            ModelArchitectures architectures = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));

            assertThat(architectures.list().stream().map(ContributionInfo::id))
                    .contains("resnet-small", "resnet-18", "resnet-50");
            assertThat(architectures.get("resnet-small")).isInstanceOf(ResNetSmallArchitecture.class);
        } finally {
            tracker.close();
        }
    }

    @Test
    void strideTwoSmallResNetRunsOnNd4j() {
        ResNetSmallArchitecture architecture = new ResNetSmallArchitecture();
        ResNetSmallParameters parameters = new ResNetSmallParameters(8, 2, List.of(8, 16), List.of(1, 1), 0.1);
        NetworkSpec spec =
                architecture.build(new NetworkShape(1, 32, 32, 3, Head.SIGMOID, Normalization.DUAL), parameters);
        INDArray images = Nd4j.ones(DataType.FLOAT, 2, 1, 32, 32).muli(0.5);
        INDArray weights = Nd4j.ones(DataType.FLOAT, 2, 3);

        try (Model model = new Nd4jEngine().create(spec, 5)) {
            LayerGradient cam = model.layerGradient(
                    images, spec.camLayer(), new Objective.LogitWeights(weights), Branch.ADVERSARIAL);

            assertThat(cam.logits().shape()).containsExactly(2, 3);
            assertThat(cam.activation().shape()).containsExactly(2, 16, 8, 8);
            assertThat(cam.activation().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        }
    }
}
