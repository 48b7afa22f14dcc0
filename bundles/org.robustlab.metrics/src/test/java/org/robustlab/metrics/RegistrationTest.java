package org.robustlab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.EvaluationMetrics;
import org.robustlab.testing.OsgiServices;

class RegistrationTest {

    private static final List<String> IDS = List.of(
            "auroc",
            "deletion-insertion",
            "localization",
            "map-similarity",
            "parameter-randomization",
            "robustness-sweep",
            "threshold-classification");

    @Test
    void metricsAreRegisteredWithMetadata() {
        EvaluationMetrics registry = OsgiServices.await(EvaluationMetrics.class);

        List<String> registered =
                registry.list().stream().map(ContributionInfo::id).toList();

        assertThat(registered).containsAll(IDS);
        for (String id : IDS) {
            assertThat(registry.info(id).orElseThrow().bundle()).startsWith("org.robustlab.metrics");
            EvaluationMetric<?> metric = registry.get(id);
            assertThat(metric.defaultParameters()).isInstanceOf(metric.parameterType());
            assertThat(metric.requirements()).isNotEmpty();
        }
    }
}
