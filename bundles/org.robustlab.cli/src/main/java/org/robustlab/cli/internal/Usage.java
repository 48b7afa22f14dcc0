package org.robustlab.cli.internal;

import java.util.List;

import org.robustlab.cli.Command;

/** The overview printed by {@code robustlab --help}. */
final class Usage {

    private Usage() {}

    static String overview(List<Command> commands) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: robustlab                      open the workbench\n");
        text.append("       robustlab <command> [options]  run a command without a window\n\n");
        text.append("Commands:\n");
        int width = commands.stream()
                .mapToInt(command -> command.name().length())
                .max()
                .orElse(8);
        for (Command command : commands) {
            text.append(String.format("  %-" + width + "s  %s%n", command.name(), command.summary()));
        }
        text.append(String.format("  %-" + width + "s  %s%n", "help", "Print the usage of a command: help <command>"));
        text.append(
                "\nOptions: --help prints this text, --version prints versions of Robustlab, Java and the engines.\n");
        text.append("Exit codes: 0 success, 1 failure, 2 invalid usage or input (nothing written).\n");
        return text.toString();
    }
}
