package org.robustlab.lib.nd4j.internal;

import org.nd4j.common.config.ND4JClassLoading;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.robustlab.lib.nd4j.Nd4jRuntime;

/**
 * Prepares ND4J before any of its classes initialise: applies the off-heap memory limits and points ND4J's
 * backend discovery at this bundle's class loader.
 *
 * <p>ND4J finds its backend with a {@code ServiceLoader} on the class loader that {@code ND4JClassLoading}
 * captured from the thread context class loader. Under Equinox that loader is unspecified (the system class
 * loader on a plain worker thread), which ends in {@code NoAvailableBackendException}. The bundle is lazily
 * activated, so this runs before the first ND4J class is loaded from it.
 */
public final class Nd4jLibraryActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Nd4jRuntime.applyMemoryDefaults(
                System.getProperties(), Runtime.getRuntime().maxMemory());
        ND4JClassLoading.setNd4jClassloader(Nd4jLibraryActivator.class.getClassLoader());
    }

    @Override
    public void stop(BundleContext context) {
        // Native libraries stay bound to this class loader until the JVM exits, so there is nothing to undo.
    }
}
