package org.robustlab.testing;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Looks up OSGi services from tests that run inside the framework. */
public final class OsgiServices {

    private OsgiServices() {}

    /**
     * Returns a registered service of {@code type}, waiting up to 10 seconds for Declarative Services to
     * register it.
     *
     * @throws AssertionError when no such service appears in time
     */
    public static <T> T await(Class<T> type) {
        // The bundle that declares the service type is active once the type is loaded.
        BundleContext context = FrameworkUtil.getBundle(type).getBundleContext();
        if (context == null) {
            throw new AssertionError("The bundle of " + type.getName() + " is not active; start it first");
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            if (service == null) {
                throw new AssertionError("No " + type.getName() + " service was registered within 10 seconds");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + type.getName(), e);
        } finally {
            tracker.close();
        }
    }
}
