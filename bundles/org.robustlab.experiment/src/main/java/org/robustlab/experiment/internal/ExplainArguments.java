package org.robustlab.experiment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.robustlab.core.model.Branch;

/**
 * The parsed arguments of {@code robustlab explain}.
 *
 * @param runFolder the run folder
 * @param models the models to explain, or empty for all
 * @param methods the methods named with {@code --method}, each with its {@code --param} values; empty for all
 * @param cases the number of test cases, or 0 for the experiment's {@code saliencyCases}
 * @param branch the branch dual-BN models are explained through, or {@code null} for the experiment's
 * @param target {@code weights} for the true labels, otherwise a class name or index
 * @param output the output folder, or {@code null} for a new numbered folder in the run's artifacts
 */
record ExplainArguments(
        String runFolder,
        List<String> models,
        List<ChoiceOptions.Named> methods,
        int cases,
        Branch branch,
        String target,
        String output) {

    /** The {@code --target} value that explains the true labels. */
    static final String WEIGHTS = "weights";

    /**
     * Parses the arguments after {@code explain}.
     *
     * @throws IllegalArgumentException naming the option and value on any invalid argument
     */
    static ExplainArguments parse(List<String> arguments) {
        String runFolder = null;
        List<String> models = new ArrayList<>();
        ChoiceOptions methods = new ChoiceOptions();
        int cases = 0;
        Branch branch = null;
        String target = WEIGHTS;
        String output = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--model" -> models.add(CommandArguments.value(arguments, ++i, argument));
                case "--method" -> methods.add(argument, CommandArguments.value(arguments, ++i, argument), Map.of());
                case "--param" -> methods.addParameter(CommandArguments.value(arguments, ++i, argument), "--method");
                case "--cases" -> cases = CommandArguments.positive(arguments, ++i, argument);
                case "--branch" -> branch = branch(CommandArguments.value(arguments, ++i, argument));
                case "--target" -> target = CommandArguments.value(arguments, ++i, argument);
                case "--output" -> output = CommandArguments.value(arguments, ++i, argument);
                default -> runFolder = CommandArguments.positional(runFolder, argument);
            }
        }
        if (runFolder == null) {
            throw new IllegalArgumentException("RUN_FOLDER is missing: give a run folder made by 'robustlab run'");
        }
        return new ExplainArguments(runFolder, models, methods.named(), cases, branch, target, output);
    }

    private static Branch branch(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "clean" -> Branch.CLEAN;
            case "adversarial" -> Branch.ADVERSARIAL;
            default ->
                throw new IllegalArgumentException(
                        "--branch " + value + ": unknown branch; allowed: clean, adversarial");
        };
    }
}
