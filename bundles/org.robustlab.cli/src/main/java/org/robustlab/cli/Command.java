package org.robustlab.cli;

import java.util.List;

/**
 * A subcommand of the {@code robustlab} command line, contributed as an OSGi Declarative Services component
 * ({@code @Component(service = Command.class)}). The headless application discovers every registered command,
 * so a bundle adds a command without changing the launcher.
 */
public interface Command {

    /** Exit code of a successful command. */
    int OK = 0;

    /** Exit code of a command that ran and failed. */
    int FAILED = 1;

    /** Exit code of invalid usage or invalid input files; nothing was written. */
    int USAGE = 2;

    /** Returns the name typed after {@code robustlab}, for example {@code contributions}. */
    String name();

    /** Returns a one-line summary for {@code robustlab --help}. */
    String summary();

    /** Returns the full usage text printed by {@code robustlab help <name>} and on invalid usage. */
    String usage();

    /**
     * Runs the command.
     *
     * @param arguments the arguments after the command name
     * @param context output streams, working directory and cancellation
     * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
     */
    int run(List<String> arguments, CommandContext context);
}
