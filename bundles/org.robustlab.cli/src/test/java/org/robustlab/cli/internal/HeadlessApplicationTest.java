package org.robustlab.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;

/** Dispatch of command lines to commands: help on a command never runs it. */
class HeadlessApplicationTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final RecordingCommand command = new RecordingCommand();

    @Test
    void helpOptionPrintsCommandUsage() {
        for (String option : List.of("--help", "-h")) {
            int exit = HeadlessApplication.dispatch(List.of("train", option), List.of(command), context());

            assertThat(exit).as(option).isEqualTo(Command.OK);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: robustlab train");
        assertThat(command.runs).isEmpty();
    }

    @Test
    void otherOptionsReachCommand() {
        int exit = HeadlessApplication.dispatch(List.of("train", "--help", "extra"), List.of(command), context());

        assertThat(exit).isEqualTo(Command.OK);
        assertThat(command.runs).containsExactly(List.of("--help", "extra"));
    }

    private CommandContext context() {
        return new CommandContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of("."),
                new NullProgressMonitor(),
                false);
    }

    /** A command that records the options of each run. */
    private static final class RecordingCommand implements Command {

        private final List<List<String>> runs = new ArrayList<>();

        @Override
        public String name() {
            return "train";
        }

        @Override
        public String summary() {
            return "Records its options";
        }

        @Override
        public String usage() {
            return "Usage: robustlab train [options]";
        }

        @Override
        public int run(List<String> arguments, CommandContext context) {
            runs.add(arguments);
            return OK;
        }
    }
}
