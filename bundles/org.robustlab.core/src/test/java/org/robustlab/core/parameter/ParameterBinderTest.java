package org.robustlab.core.parameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParameterBinderTest {

    enum Mode {
        FAST,
        VERY_SLOW
    }

    record Inner(@Parameter(description = "steps", min = 1) int steps) {}

    record Outer(
            @Parameter(description = "budget", min = 0, max = 1)
            double epsilon,

            Mode mode,
            List<Double> epsilons,
            Inner inner,
            String name) {
        Outer {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    private static final Outer DEFAULTS = new Outer(0.1, Mode.FAST, List.of(0.0), new Inner(3), "x");

    @Test
    void missingKeysKeepDefaults() {
        Outer bound = ParameterBinder.bind(DEFAULTS, Map.of("epsilon", 0.5), "attack");

        assertThat(bound.epsilon()).isEqualTo(0.5);
        assertThat(bound.inner().steps()).isEqualTo(3);
        assertThat(bound.mode()).isEqualTo(Mode.FAST);
    }

    @Test
    void enumAcceptsLowerCaseWithDashes() {
        Outer bound = ParameterBinder.bind(DEFAULTS, Map.of("mode", "very-slow"), "");

        assertThat(bound.mode()).isEqualTo(Mode.VERY_SLOW);
    }

    @Test
    void nestedRecordAndListBind() {
        Outer bound =
                ParameterBinder.bind(DEFAULTS, Map.of("inner", Map.of("steps", 7), "epsilons", List.of(0, 0.5)), "");

        assertThat(bound.inner().steps()).isEqualTo(7);
        assertThat(bound.epsilons()).containsExactly(0.0, 0.5);
    }

    @Test
    void unknownKeyNamesPathAndAllowedKeys() {
        assertThatThrownBy(() -> ParameterBinder.bind(DEFAULTS, Map.of("epsilom", 0.5), "attacks[0]"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("attacks[0].epsilom")
                .hasMessageContaining("[epsilon, epsilons, inner, mode, name]");
    }

    @Test
    void outOfRangeValueNamesRange() {
        assertThatThrownBy(() -> ParameterBinder.bind(DEFAULTS, Map.of("epsilon", 2), "a"))
                .hasMessageContaining("a.epsilon")
                .hasMessageContaining("[0, 1]");
    }

    @Test
    void wrongTypeNamesExpectedType() {
        assertThatThrownBy(() -> ParameterBinder.bind(DEFAULTS, Map.of("inner", Map.of("steps", 2.5)), "a"))
                .hasMessageContaining("a.inner.steps")
                .hasMessageContaining("whole number");
    }

    @Test
    void unknownEnumValueListsAllowedValues() {
        assertThatThrownBy(() -> ParameterBinder.bind(DEFAULTS, Map.of("mode", "medium"), "a"))
                .hasMessageContaining("[fast, very-slow]");
    }

    @Test
    void constructorRejectionCarriesPath() {
        assertThatThrownBy(() -> ParameterBinder.bind(DEFAULTS, Map.of("name", " "), "a"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("a: name must not be blank");
    }

    @Test
    void toMapInvertsBind() {
        Outer bound = ParameterBinder.bind(DEFAULTS, ParameterBinder.toMap(DEFAULTS), "");

        assertThat(bound).isEqualTo(DEFAULTS);
    }

    record WithSettings(String attack, Map<String, Object> attackParameters) {}

    @Test
    void settingsMapIsCopiedAndWrittenBack() {
        WithSettings defaults = new WithSettings("pgd", Map.of("epsilon", 0.005));

        WithSettings bound = ParameterBinder.bind(
                defaults, Map.of("attackParameters", Map.of("epsilon", 0.01, "steps", List.of(1, 2))), "mode");

        assertThat(bound.attackParameters()).containsEntry("epsilon", 0.01);
        assertThat(bound.attackParameters().get("steps")).isEqualTo(List.of(1, 2));
        assertThat(ParameterBinder.toMap(bound)).containsEntry("attackParameters", bound.attackParameters());
        assertThatThrownBy(() -> ParameterBinder.bind(defaults, Map.of("attackParameters", 3), "mode"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("mode.attackParameters");
    }
}
