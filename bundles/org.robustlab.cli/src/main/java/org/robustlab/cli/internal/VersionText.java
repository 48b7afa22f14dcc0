package org.robustlab.cli.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The text printed by {@code robustlab --version}. */
final class VersionText {

    private VersionText() {}

    static String describe() {
        Bundle bundle = FrameworkUtil.getBundle(VersionText.class);
        String version = bundle == null ? "unknown" : bundle.getVersion().toString();
        return "Robustlab " + version + "\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.arch") + ")\n";
    }
}
