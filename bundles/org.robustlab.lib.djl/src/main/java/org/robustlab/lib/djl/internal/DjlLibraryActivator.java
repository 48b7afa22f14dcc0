package org.robustlab.lib.djl.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.robustlab.lib.djl.DjlRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares DJL before any of its classes initialise: applies the offline and cache settings, then loads the
 * PyTorch engine under this bundle's class loader.
 *
 * <p>DJL's {@code Engine} caches its engine list in a static initialiser. If the first touch happens under a
 * foreign thread context class loader, the list stays empty for the life of the bundle, so the engine is loaded
 * here, where the context is known. The bundle is lazily activated, so this runs before the first DJL class is
 * loaded from it. A load failure is logged and kept; {@link DjlRuntime#engine()} throws it to every caller.
 */
public final class DjlLibraryActivator implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(DjlLibraryActivator.class);

    @Override
    public void start(BundleContext context) {
        DjlRuntime.applyDefaults();
        try {
            DjlRuntime.engine();
        } catch (IllegalStateException e) {
            LOG.error("DJL engine start failed; the PyTorch engine is unavailable: {}", e.getMessage(), e);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // libtorch stays bound to this class loader until the JVM exits, so there is nothing to undo.
    }
}
