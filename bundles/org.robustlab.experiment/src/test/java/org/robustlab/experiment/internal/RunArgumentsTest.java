package org.robustlab.experiment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RunArgumentsTest {

    @Test
    void noArgumentsRunTheDefaultIntoRuns() {
        RunArguments arguments = RunArguments.parse(List.of());

        assertThat(arguments.experiment()).isNull();
        assertThat(arguments.output()).isEqualTo("runs");
        assertThat(arguments.profile()).isEmpty();
    }

    @Test
    void optionsAndFileAreParsed() {
        RunArguments arguments =
                RunArguments.parse(List.of("exp.yaml", "--quick", "--engine", "pytorch", "--output", "/tmp/r"));

        assertThat(arguments.experiment()).isEqualTo("exp.yaml");
        assertThat(arguments.profile()).isEqualTo("quick");
        assertThat(arguments.engine()).isEqualTo("pytorch");
        assertThat(arguments.output()).isEqualTo("/tmp/r");
    }

    @Test
    void resumeTakesNoExperimentOptions() {
        assertThatThrownBy(() -> RunArguments.parse(List.of("--resume", "runs/1/abc", "--quick")))
                .hasMessageContaining("--resume continues a run");
    }

    @Test
    void optionWithoutValueIsRejected() {
        assertThatThrownBy(() -> RunArguments.parse(List.of("--engine"))).hasMessage("Option --engine needs a value");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> RunArguments.parse(List.of("--fast"))).hasMessage("Unknown option --fast");
    }

    @Test
    void twoProfilesAreRejected() {
        assertThatThrownBy(() -> RunArguments.parse(List.of("--quick", "--profile", "gpu")))
                .hasMessageContaining("Only one profile");
    }
}
