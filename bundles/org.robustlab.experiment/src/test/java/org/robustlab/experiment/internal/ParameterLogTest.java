package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParameterLogTest {

    @Test
    void nestedKeysJoinWithDots() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("training", Map.of("epochs", 3));
        tree.put("models", List.of(Map.of("name", "standard"), Map.of("name", "pgd")));
        tree.put("epsilons", List.of(0.0, 0.002));

        Map<String, String> flat = ParameterLog.flatten("", tree);

        assertThat(flat)
                .containsEntry("training.epochs", "3")
                .containsEntry("models.0.name", "standard")
                .containsEntry("models.1.name", "pgd")
                .containsEntry("epsilons", "[0.0, 0.002]");
    }

    @Test
    void longValuesAreLeftOut() {
        Map<String, String> flat = ParameterLog.flatten("", Map.of("description", "x".repeat(501)));

        assertThat(flat).isEmpty();
    }
}
