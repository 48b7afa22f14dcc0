package org.robustlab.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.saliency.SaliencyMethods;

/** The contribution registries of the running framework, as the workbench and the command line use them. */
final class Registries implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    final Engines engines;

    final ModelArchitectures architectures;

    final AttackGenerators attacks;

    final SaliencyMethods saliency;

    Registries() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Registries.class).getBundleContext();
        engines = service(context, Engines.class);
        architectures = service(context, ModelArchitectures.class);
        attacks = service(context, AttackGenerators.class);
        saliency = service(context, SaliencyMethods.class);
    }

    private <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (service == null) {
            throw new IllegalStateException("No " + type.getSimpleName() + " service after " + TIMEOUT_SECONDS
                    + " s; is org.robustlab.core" + " started with Declarative Services?");
        }
        return service;
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}
