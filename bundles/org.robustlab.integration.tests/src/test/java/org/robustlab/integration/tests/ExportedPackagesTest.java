package org.robustlab.integration.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The deep-learning libraries split their Java packages across Maven modules, so each library must be embedded
 * whole in one bundle: a package exported by two bundles would let consumers wire half of it to each.
 */
class ExportedPackagesTest {

    @Test
    void noLibraryPackageIsExportedTwice() {
        Map<String, List<String>> exporters = new HashMap<>();
        for (Bundle bundle :
                FrameworkUtil.getBundle(getClass()).getBundleContext().getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
                String name = (String) capability.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE);
                if (name.startsWith("org.nd4j")
                        || name.startsWith("org.deeplearning4j")
                        || name.startsWith("org.bytedeco")
                        || name.startsWith("ai.djl")) {
                    exporters.computeIfAbsent(name, key -> new ArrayList<>()).add(bundle.getSymbolicName());
                }
            }
        }

        assertThat(exporters).isNotEmpty();
        assertThat(exporters)
                .allSatisfy((name, bundles) -> assertThat(bundles).as(name).hasSize(1));
    }
}
