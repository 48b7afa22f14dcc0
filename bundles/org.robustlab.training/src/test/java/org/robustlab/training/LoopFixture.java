package org.robustlab.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.event.RunListener;
import org.robustlab.core.event.TrainingProgress;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Layer;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.engine.nd4j.Nd4jEngine;

/** The OSGi services, network and test mode that the loop tests share. */
final class LoopFixture implements AutoCloseable {

    private final BundleContext context =
            FrameworkUtil.getBundle(LoopFixture.class).getBundleContext();

    private final ServiceTracker<TrainingLoop, TrainingLoop> loops =
            new ServiceTracker<>(context, TrainingLoop.class, null);

    private final ServiceTracker<TrainingModes, TrainingModes> modes =
            new ServiceTracker<>(context, TrainingModes.class, null);

    private final ServiceRegistration<?> registration;

    final String modeId;

    final Nd4jEngine engine = new Nd4jEngine();

    LoopFixture(String modeId) throws InterruptedException {
        this.modeId = modeId;
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ContributionMetadata.PREFIX_ + "id", modeId);
        properties.put(ContributionMetadata.PREFIX_ + "label", "Noise (test)");
        registration = context.registerService(TrainingMode.class.getName(), new NoiseTrainingMode(), properties);
        loops.open();
        modes.open();
        TrainingModes registry = modes.waitForService(TimeUnit.SECONDS.toMillis(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registry.info(modeId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    TrainingLoop loop() throws InterruptedException {
        TrainingLoop loop = loops.waitForService(TimeUnit.SECONDS.toMillis(10));
        if (loop == null) {
            throw new AssertionError("The TrainingLoop service is not registered");
        }
        return loop;
    }

    /** Returns a small network without residual connections for 1x8x8 images and two classes. */
    static NetworkSpec network(Normalization normalization) {
        List<Layer> layers = List.of(
                new Layer.Conv2d("conv1", NetworkSpec.INPUT, 1, 4, 3, 1, 1, false),
                new Layer.BatchNorm("bn1", "conv1", 4, 1e-5, 0.1),
                new Layer.Relu("relu1", "bn1"),
                new Layer.Conv2d("conv2", "relu1", 4, 4, 3, 2, 1, false),
                new Layer.BatchNorm("bn2", "conv2", 4, 1e-5, 0.1),
                new Layer.Relu("relu2", "bn2"),
                new Layer.GlobalAveragePool("pool", "relu2"),
                new Layer.Dense("fc", "pool", 4, 2, true));
        return new NetworkSpec("corner-net", 1, 2, Head.SOFTMAX, normalization, layers, "fc", "relu2");
    }

    TrainingRequest request(
            Path folder, NoiseTrainingMode.Parameters parameters, TrainingSettings settings, RunListener listener) {
        return new TrainingRequest(
                "test-run",
                engine,
                network(parameters.dual() ? Normalization.DUAL : Normalization.SINGLE),
                null,
                new SyntheticDataset(40, 12, 3),
                modeId,
                parameters,
                settings,
                folder,
                listener);
    }

    @Override
    public void close() {
        registration.unregister();
        loops.close();
        modes.close();
    }

    /** Records every event. */
    static class Recorder implements RunListener {
        final List<TrainingProgress> progress = new ArrayList<>();
        final List<RunEvent> events = new ArrayList<>();

        @Override
        public void trainingProgress(TrainingProgress event) {
            progress.add(event);
        }

        @Override
        public void runEvent(RunEvent event) {
            events.add(event);
        }
    }
}
