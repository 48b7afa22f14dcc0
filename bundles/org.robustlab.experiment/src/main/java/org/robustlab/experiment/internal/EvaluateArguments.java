package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parsed arguments of {@code robustlab evaluate}.
 *
 * @param runFolder the run folder
 * @param metrics the metrics named with {@code --metric} or {@code --attack}, each with its {@code --param}
 *     values, in command-line order. An {@code --attack ID} is the robustness sweep with that attack
 * @param methods the saliency methods whose maps saliency metrics score, each with its {@code --param} values;
 *     empty for the run's saved maps
 * @param output the output folder, or {@code null} for a new numbered folder in the run's artifacts
 */
record EvaluateArguments(
        String runFolder, List<ChoiceOptions.Named> metrics, List<ChoiceOptions.Named> methods, String output) {

    /** The metric an {@code --attack} option runs. */
    static final String SWEEP = "robustness-sweep";

    /** The {@code --metric} value that names every installed metric. */
    static final String ALL = "all";

    /**
     * Parses the arguments after {@code evaluate}.
     *
     * @throws IllegalArgumentException naming the option and value on any invalid argument
     */
    static EvaluateArguments parse(List<String> arguments) {
        String runFolder = null;
        ChoiceOptions metrics = new ChoiceOptions();
        ChoiceOptions methods = new ChoiceOptions();
        ChoiceOptions last = null;
        String output = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--metric" -> {
                    metrics.add(argument, CommandArguments.value(arguments, ++i, argument), Map.of());
                    last = metrics;
                }
                case "--attack" -> {
                    String attack = CommandArguments.value(arguments, ++i, argument);
                    metrics.add(argument + " " + attack + ":", SWEEP, Map.of("attack", attack));
                    last = metrics;
                }
                case "--method" -> {
                    methods.add(argument, CommandArguments.value(arguments, ++i, argument), Map.of());
                    last = methods;
                }
                case "--param" -> {
                    String value = CommandArguments.value(arguments, ++i, argument);
                    (last == null ? metrics : last).addParameter(value, "--metric, --attack or --method");
                }
                case "--output" -> output = CommandArguments.value(arguments, ++i, argument);
                default -> runFolder = CommandArguments.positional(runFolder, argument);
            }
        }
        if (runFolder == null) {
            throw new IllegalArgumentException("RUN_FOLDER is missing: give a run folder made by 'robustlab run'");
        }
        List<ChoiceOptions.Named> named = new ArrayList<>(metrics.named());
        if (named.stream().anyMatch(metric -> metric.id().equals(ALL)) && named.size() > 1) {
            throw new IllegalArgumentException(
                    "--metric all runs every installed metric; give it alone, or name" + " the metrics one by one");
        }
        return new EvaluateArguments(runFolder, named, methods.named(), output);
    }
}
