package org.robustlab.data.dicom.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes PixelMed's log messages to SLF4J. PixelMed 20220618 looks SLF4J up once, through the context class loader
 * of the thread that first initializes its logger factory, and without SLF4J it prints every message to standard
 * error. Under OSGi the context class loader usually cannot load SLF4J. A few of PixelMed's messages bypass its logger
 * and always go to standard error; {@link PixelDataEnd} avoids the most frequent one.
 */
final class PixelMedLogging {

    private static final Logger LOG = LoggerFactory.getLogger(PixelMedLogging.class);

    private static boolean routed;

    private PixelMedLogging() {}

    /** Initializes PixelMed's logger factory with SLF4J's class loader as the context class loader, once. */
    static synchronized void routeToSlf4j() {
        if (routed) {
            return;
        }
        routed = true;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LoggerFactory.class.getClassLoader());
        try {
            Class.forName(
                    "com.pixelmed.slf4j.LoggerFactory", true, com.pixelmed.dicom.AttributeList.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.debug("PixelMed has no logger factory to route; its messages go to standard error", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
