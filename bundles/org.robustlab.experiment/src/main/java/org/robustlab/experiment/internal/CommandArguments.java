package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Argument checks and output folders shared by the {@code explain} and {@code evaluate} commands. */
final class CommandArguments {

    private CommandArguments() {}

    /** Returns the value after an option, or throws naming the option. */
    static String value(List<String> arguments, int index, String option) {
        if (index >= arguments.size() || arguments.get(index).startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return arguments.get(index);
    }

    /** Returns the positive whole number after an option, or throws naming the option and value. */
    static int positive(List<String> arguments, int index, String option) {
        String text = value(arguments, index, option);
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed values.
        }
        throw new IllegalArgumentException(option + " " + text + ": expected a whole number >= 1");
    }

    /** Returns the one positional argument, or throws on an unknown option or a second positional argument. */
    static String positional(String current, String argument) {
        if (argument.startsWith("-")) {
            throw new IllegalArgumentException("Unknown option " + argument);
        }
        if (current != null) {
            throw new IllegalArgumentException("Only one RUN_FOLDER; got " + current + " and " + argument);
        }
        return argument;
    }

    /**
     * Returns the folder to write to: {@code requested} when given, which must not exist yet, otherwise the
     * first of {@code <parent>/<prefix>-1}, {@code -2}, ... that does not exist. Nothing is created.
     *
     * @throws IllegalArgumentException when {@code requested} exists
     */
    static Path outputFolder(Path requested, Path parent, String prefix) throws IOException {
        if (requested != null) {
            if (Files.exists(requested)) {
                throw new IllegalArgumentException("--output " + requested + " exists; results never overwrite"
                        + " a folder: give a new folder, or leave out --output for a new numbered one");
            }
            return requested;
        }
        for (int n = 1; ; n++) {
            Path candidate = parent.resolve(String.format(Locale.ROOT, "%s-%d", prefix, n));
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * Creates the output folder chosen by {@link #outputFolder}. It fails instead of writing into a folder that
     * appeared in the meantime.
     */
    static void create(Path folder) throws IOException {
        if (folder.getParent() != null) {
            Files.createDirectories(folder.getParent());
        }
        Files.createDirectory(folder);
    }
}
