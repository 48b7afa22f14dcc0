package org.robustlab.experiment.internal;

import java.util.List;

/**
 * The parsed arguments of {@code robustlab run}.
 *
 * @param experiment the experiment file, or {@code null} for the bundled default
 * @param profile the profile to apply, or empty
 * @param engine the engine that replaces the file's, or empty
 * @param output the run store folder
 * @param resume the run folder to resume, or {@code null}
 * @param printDefault whether to print the bundled default experiment
 */
record RunArguments(
        String experiment, String profile, String engine, String output, String resume, boolean printDefault) {

    /**
     * Parses the arguments after {@code run}.
     *
     * @throws IllegalArgumentException on an unknown option, a missing option value or conflicting options
     */
    static RunArguments parse(List<String> arguments) {
        String experiment = null;
        String profile = "";
        String engine = "";
        String output = "runs";
        String resume = null;
        boolean printDefault = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--quick" -> profile = checkProfile(profile, "quick");
                case "--profile" -> profile = checkProfile(profile, value(arguments, ++i, argument));
                case "--engine" -> engine = value(arguments, ++i, argument);
                case "--output" -> output = value(arguments, ++i, argument);
                case "--resume" -> resume = value(arguments, ++i, argument);
                case "--print-default" -> printDefault = true;
                default -> {
                    if (argument.startsWith("-")) {
                        throw new IllegalArgumentException("Unknown option " + argument);
                    }
                    if (experiment != null) {
                        throw new IllegalArgumentException(
                                "Only one experiment file per run; got " + experiment + " and " + argument);
                    }
                    experiment = argument;
                }
            }
        }
        if (resume != null && (experiment != null || !profile.isEmpty() || !engine.isEmpty())) {
            throw new IllegalArgumentException("--resume continues a run with its recorded configuration; it takes"
                    + " no experiment file, --quick, --profile or --engine");
        }
        return new RunArguments(experiment, profile, engine, output, resume, printDefault);
    }

    private static String checkProfile(String current, String requested) {
        if (!current.isEmpty() && !current.equals(requested)) {
            throw new IllegalArgumentException("Only one profile per run; got " + current + " and " + requested);
        }
        return requested;
    }

    private static String value(List<String> arguments, int index, String option) {
        if (index >= arguments.size() || arguments.get(index).startsWith("--")) {
            throw new IllegalArgumentException("Option " + option + " needs a value");
        }
        return arguments.get(index);
    }
}
