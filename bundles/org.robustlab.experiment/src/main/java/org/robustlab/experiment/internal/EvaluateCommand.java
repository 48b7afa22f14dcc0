package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;
import org.robustlab.core.contribution.Configurable;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.experiment.ContributionCatalog;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.ExperimentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code robustlab evaluate}: runs any installed evaluation metric on a finished run's trained models and writes
 * the results as CSV and JSON with the metrics' effective parameters.
 */
@Component(service = Command.class)
public final class EvaluateCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Reference
    private ExperimentRunner runner;

    /** What the checked arguments resolve to. */
    private record Plan(
            FinishedRun run, List<ContributionChoice> metrics, List<ContributionChoice> methods, Path output) {}

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "Run any installed metric on a finished run's models (AUROC, DeLong, robustness, saliency)";
    }

    @Override
    public String usage() {
        return """
                Usage: robustlab evaluate RUN_FOLDER [--metric ID [--param KEY=VALUE ...]] ...
                                          [--attack ID [--param KEY=VALUE ...]] ...
                                          [--method ID [--param KEY=VALUE ...]] ... [--output DIR]

                Loads the trained models of a run folder made by 'robustlab run' (their selected weights, the
                effective configuration and the dataset, whose content hash must be unchanged), runs metrics on
                them and writes, in a new folder, metrics.csv (one row per value, with the metric's parameters
                as JSON in the last column), metrics.json (every result with its parameters, curves and notes)
                and evaluate.json (the run, the metrics and where their inputs came from).

                Metrics that read predictions run on the clean test images, and again on the scores under each
                attack budget the run saved. Metrics that read saliency maps or regions run on the run's saliency
                cases. Pairwise metrics (the DeLong test of the AUROC metric, map similarity) compare every pair
                of the run's models.

                  RUN_FOLDER     a run folder, for example runs/1/<run id>
                  --metric ID    an installed metric (repeatable; default or 'all': every installed metric,
                                 with the experiment's parameters where it configures the metric)
                  --attack ID    the robustness sweep (robust accuracy and AUROC over epsilon) with this
                                 installed attack (repeatable); --param epsilons=[0,0.005,0.01] sets the sweep
                  --method ID    score the maps of this saliency method, computed now on the saliency cases
                                 (repeatable; default: the maps the run saved, else the experiment's methods)
                  --param K=V    a parameter of the --metric, --attack or --method before it
                  --output DIR   a folder that does not exist yet (default: a new numbered folder
                                 RUN_FOLDER/artifacts/evaluate-N)

                'robustlab contributions' lists the installed metrics, attacks and methods with their parameters.
                Invalid input (unknown metric, attack or method, bad --param, missing weights, existing
                --output) exits with code 2, names the value and what is allowed, and writes nothing.""";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) {
        Plan plan;
        try {
            plan = plan(EvaluateArguments.parse(arguments), context);
        } catch (IllegalArgumentException e) {
            context.err().println(e.getMessage() + "\n\nRun 'robustlab help evaluate' for the usage.");
            return USAGE;
        } catch (IOException e) {
            context.err().println("Cannot read the run folder: " + e.getMessage());
            return FAILED;
        }
        try {
            execute(plan, context);
            return OK;
        } catch (OperationCanceledException e) {
            context.err().println("Cancelled.");
            return FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.error("Evaluate failed: {}", e.getMessage(), e);
            context.err().println("Evaluate failed: " + e.getMessage());
            return FAILED;
        }
    }

    private Plan plan(EvaluateArguments arguments, CommandContext context) throws IOException {
        ContributionCatalog catalog = runner.catalog();
        ProgressBar progress = new ProgressBar(context.err(), context.interactive(), System::nanoTime);
        FinishedRun run = FinishedRun.open(
                context.resolve(arguments.runFolder()), List.of(), catalog, progress, context.monitor());
        List<ChoiceOptions.Named> named = arguments.metrics();
        if (named.isEmpty() || named.get(0).id().equals(EvaluateArguments.ALL)) {
            named = everyInstalled(catalog.metrics(), "--metric");
        }
        List<ContributionChoice> metrics =
                bindAll(catalog.metrics(), named, run.experiment().evaluation().metrics());
        for (ContributionChoice metric : metrics) {
            checkAttack(metric, catalog);
        }
        List<ContributionChoice> methods = bindAll(
                catalog.saliency(),
                arguments.methods(),
                run.experiment().evaluation().saliency());
        Path output = CommandArguments.outputFolder(
                arguments.output() == null ? null : context.resolve(arguments.output()),
                run.session().run().artifacts(),
                "evaluate");
        return new Plan(run, metrics, methods, output);
    }

    private static List<ChoiceOptions.Named> everyInstalled(ContributionRegistry<?> registry, String option) {
        List<ChoiceOptions.Named> named = new ArrayList<>();
        for (ContributionInfo info : registry.list()) {
            named.add(new ChoiceOptions.Named(option, info.id(), Map.of()));
        }
        return named;
    }

    private static <T extends Configurable<?>> List<ContributionChoice> bindAll(
            ContributionRegistry<T> registry, List<ChoiceOptions.Named> named, List<ContributionChoice> configured) {
        Map<String, Record> parameters = new LinkedHashMap<>();
        configured.forEach(choice -> parameters.putIfAbsent(choice.id(), choice.parameters()));
        List<ContributionChoice> choices = new ArrayList<>();
        for (ChoiceOptions.Named choice : named) {
            choices.add(ChoiceOptions.bind(registry, choice, parameters.get(choice.id())));
        }
        return choices;
    }

    /** Checks that the attack a metric names, if it names one, is installed. */
    private static void checkAttack(ContributionChoice metric, ContributionCatalog catalog) {
        Object attack = metric.parameterValues().get("attack");
        if (attack instanceof String id && catalog.attacks().info(id).isEmpty()) {
            throw new IllegalArgumentException("--attack " + id + " (metric " + metric.id() + "): no attack has this"
                    + " id; installed: " + ChoiceOptions.ids(catalog.attacks()));
        }
    }

    private static void execute(Plan plan, CommandContext context) throws IOException {
        RunSession session = plan.run().session();
        LoadedData data = plan.run().loadData();
        List<MetricRecord> records;
        try (TrainedModels models = plan.run().loadModels(data)) {
            EvaluationPhase phase = new EvaluationPhase(session, data, models);
            records = phase.metrics(plan.metrics(), phase.saliency(plan.methods()));
        }
        CommandArguments.create(plan.output());
        new EvaluationStore(plan.output()).writeMetrics(records);
        MetricTables.writeCsv(plan.output().resolve("metrics.csv"), records, true);
        writeDescription(plan, records);
        for (MetricRecord record : records) {
            context.out()
                    .printf(
                            "  %-24s %-9s %s%n",
                            record.metric(),
                            record.condition() + (record.attack().isEmpty() ? "" : " " + record.attack()),
                            record.succeeded() ? record.result().values().size() + " values" : record.problem());
        }
        context.out()
                .printf(
                        "Evaluated %d metrics on %d models of run %s.%nResults: %s%n",
                        plan.metrics().size(),
                        plan.run().modelNames().size(),
                        session.run().runId(),
                        plan.output());
    }

    private static void writeDescription(Plan plan, List<MetricRecord> records) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "evaluate");
        json.put("run", ExplanationWriter.runDescription(plan.run().session()));
        json.put("models", plan.run().modelNames());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (ContributionChoice metric : plan.metrics()) {
            metrics.add(Map.of("metric", metric.id(), "parameters", metric.parameterValues()));
        }
        json.put("metrics", metrics);
        List<Map<String, Object>> methods = new ArrayList<>();
        for (ContributionChoice method : plan.methods()) {
            methods.add(Map.of("method", method.id(), "parameters", method.parameterValues()));
        }
        json.put(
                "saliencyMaps",
                methods.isEmpty()
                        ? "the maps the run saved in artifacts/results/saliency.npz, else the experiment's methods"
                        : methods);
        json.put(
                "problems",
                records.stream()
                        .filter(record -> !record.succeeded())
                        .map(record -> record.metric() + " (" + record.condition() + "): " + record.problem())
                        .toList());
        YamlText.write(plan.output().resolve("evaluate.json"), JSON.writeValueAsString(json));
    }
}
