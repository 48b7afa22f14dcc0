package org.robustlab.saliency.occlusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyMethods;
import org.robustlab.testing.OsgiServices;

class RegistrationTest {

    private static final List<String> IDS = List.of("occlusion");

    @Test
    void methodsAreRegisteredWithMetadata() {
        SaliencyMethods registry = OsgiServices.await(SaliencyMethods.class);

        List<String> registered =
                registry.list().stream().map(ContributionInfo::id).toList();

        assertThat(registered).containsAll(IDS);
        for (String id : IDS) {
            ContributionInfo info = registry.info(id).orElseThrow();
            assertThat(info.bundle()).startsWith("org.robustlab.saliency.occlusion");
            assertThat(info.description()).isNotBlank();
            SaliencyMethod<?> method = registry.get(id);
            assertThat(method.defaultParameters()).isInstanceOf(method.parameterType());
        }
    }
}
