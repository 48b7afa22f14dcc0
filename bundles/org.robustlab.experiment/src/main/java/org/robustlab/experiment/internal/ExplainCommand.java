package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;
import org.robustlab.core.contribution.ContributionInfo;
import org.robustlab.core.model.Branch;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.experiment.ContributionCatalog;
import org.robustlab.experiment.ContributionChoice;
import org.robustlab.experiment.ExperimentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code robustlab explain}: computes saliency maps of a finished run's trained models on its test images with any
 * installed saliency method and writes them as PNG images, NumPy arrays, CSV and JSON.
 */
@Component(service = Command.class)
public final class ExplainCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ExplainCommand.class);

    @Reference
    private ExperimentRunner runner;

    /** What the checked arguments resolve to. */
    private record Plan(FinishedRun run, List<ContributionChoice> methods, Path output, ExplainArguments arguments) {}

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String summary() {
        return "Compute saliency maps of a finished run's models with any installed method";
    }

    @Override
    public String usage() {
        return """
                Usage: robustlab explain RUN_FOLDER [--model NAME] [--method ID [--param KEY=VALUE ...]] ...
                                         [--cases N] [--branch clean|adversarial] [--target CLASS|weights]
                                         [--output DIR]

                Loads the trained models of a run folder made by 'robustlab run' (their selected weights, the
                effective configuration and the dataset, whose content hash must be unchanged), computes saliency
                maps of test cases and writes, in a new folder:
                  overlays/     each map over the input image as the model saw it (windowed, scaled to [0, 1]),
                                the input with its lesion mask outlined, and grid.png comparing models and methods
                  maps/         each map alone (absolute value, clipped to mean +- 3 SD, scaled to [0, 1])
                  saliency.npz  the raw maps [cases, H, W] by model and method, with saliency.json as index
                  saliency.csv  one row per case, model and method: target, empty flag, range of the raw map and,
                                for Integrated Gradients, the completeness error sum(map) - (f(x) - f(baseline))
                  explain.json  the run, models, branch, target, cases and every method's parameters

                  RUN_FOLDER       a run folder, for example runs/1/<run id>
                  --model NAME     explain this model of the run (repeatable; default: every model)
                  --method ID      an installed saliency method (repeatable; default: every installed method,
                                   with the experiment's parameters where it configures the method)
                  --param K=V      a parameter of the --method before it, for example --param steps=64;
                                   a list is written [0, 0.01]; 'robustlab contributions' lists the parameters
                  --cases N        number of test cases (default: the experiment's saliencyCases); cases with a
                                   ground-truth mask are chosen first, by a sample seeded with the run's seed
                  --branch B       the batch-norm branch dual-BN models are explained through (default: the
                                   experiment's saliencyBranch); other models have only the clean branch
                  --target T       'weights' (default) explains the true labels; a class name or index
                                   explains that class for every case
                  --output DIR     a folder that does not exist yet (default: a new numbered folder
                                   RUN_FOLDER/artifacts/explain-N)

                Invalid input (unknown method, model or parameter, missing weights, existing --output) exits
                with code 2, names the value and what is allowed, and writes nothing.""";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) {
        Plan plan;
        try {
            plan = plan(ExplainArguments.parse(arguments), context);
        } catch (IllegalArgumentException e) {
            context.err().println(e.getMessage() + "\n\nRun 'robustlab help explain' for the usage.");
            return USAGE;
        } catch (IOException e) {
            context.err().println("Cannot read the run folder: " + e.getMessage());
            return FAILED;
        }
        try {
            return execute(plan, context);
        } catch (OperationCanceledException e) {
            context.err().println("Cancelled.");
            return FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.error("Explain failed: {}", e.getMessage(), e);
            context.err().println("Explain failed: " + e.getMessage());
            return FAILED;
        }
    }

    private Plan plan(ExplainArguments arguments, CommandContext context) throws IOException {
        ContributionCatalog catalog = runner.catalog();
        ProgressBar progress = new ProgressBar(context.err(), context.interactive(), System::nanoTime);
        FinishedRun run = FinishedRun.open(
                context.resolve(arguments.runFolder()), arguments.models(), catalog, progress, context.monitor());
        List<ContributionChoice> methods = methods(arguments, run, catalog);
        Path output = CommandArguments.outputFolder(
                arguments.output() == null ? null : context.resolve(arguments.output()),
                run.session().run().artifacts(),
                "explain");
        return new Plan(run, methods, output, arguments);
    }

    private static List<ContributionChoice> methods(
            ExplainArguments arguments, FinishedRun run, ContributionCatalog catalog) {
        Map<String, Record> configured = new LinkedHashMap<>();
        run.experiment().evaluation().saliency().forEach(choice -> configured.put(choice.id(), choice.parameters()));
        List<ChoiceOptions.Named> named = arguments.methods();
        if (named.isEmpty()) {
            named = new ArrayList<>();
            for (ContributionInfo info : catalog.saliency().list()) {
                named.add(new ChoiceOptions.Named("--method", info.id(), Map.of()));
            }
        }
        List<ContributionChoice> methods = new ArrayList<>();
        for (ChoiceOptions.Named method : named) {
            if (methods.stream().anyMatch(choice -> choice.id().equals(method.id()))) {
                throw new IllegalArgumentException("--method " + method.id() + " is given twice; give each method"
                        + " once, and run explain again for other parameters");
            }
            methods.add(ChoiceOptions.bind(catalog.saliency(), method, configured.get(method.id())));
        }
        return methods;
    }

    private static int execute(Plan plan, CommandContext context) throws IOException {
        RunSession session = plan.run().session();
        LoadedData data = plan.run().loadData();
        SaliencyStep step = new SaliencyStep(session);
        int count = plan.arguments().cases() > 0
                ? plan.arguments().cases()
                : session.experiment().evaluation().settings().saliencyCases();
        List<Integer> positions = step.chooseCases(data.test(), count);
        SplitData cases = data.test().subset(positions);
        INDArray targets;
        try {
            targets = targets(plan.arguments().target(), cases, data);
        } catch (IllegalArgumentException e) {
            context.err().println(e.getMessage() + "\n\nRun 'robustlab help explain' for the usage.");
            return USAGE;
        }
        Branch dualBranch = plan.arguments().branch() != null
                ? plan.arguments().branch()
                : session.experiment().evaluation().settings().saliencyBranch();
        List<ExplanationWriter.Explanation> explanations = new ArrayList<>();
        try (TrainedModels models = plan.run().loadModels(data)) {
            for (String model : plan.run().modelNames()) {
                Branch branch = models.branch(model, dualBranch);
                for (ContributionChoice method : plan.methods()) {
                    SaliencyResult result = step.explain(models.model(model), branch, cases.images(), targets, method);
                    explanations.add(new ExplanationWriter.Explanation(model, branch, method, result));
                }
            }
        }
        CommandArguments.create(plan.output());
        new ExplanationWriter(plan.output(), session, data)
                .write(positions, cases, targets, plan.arguments().target(), explanations);
        context.out()
                .printf(
                        Locale.ROOT,
                        "Explained %d cases with %d methods for %d models of run %s.%nResults: %s%n",
                        positions.size(),
                        plan.methods().size(),
                        plan.run().modelNames().size(),
                        session.run().runId(),
                        plan.output());
        return OK;
    }

    /** Returns the class weights to explain: the true labels, or one class for every case. */
    static INDArray targets(String target, SplitData cases, LoadedData data) {
        if (target.equals(ExplainArguments.WEIGHTS)) {
            return SaliencyStep.targets(cases.labels(), data.head());
        }
        List<String> labels = data.manifest().labels();
        int index = labels.indexOf(target);
        if (index < 0 && target.matches("\\d+")) {
            index = Integer.parseInt(target) < labels.size() ? Integer.parseInt(target) : -1;
        }
        if (index < 0) {
            throw new IllegalArgumentException("--target " + target + ": no class of this name or index; allowed:"
                    + " 'weights', an index 0-" + (labels.size() - 1) + " or a class name " + labels);
        }
        INDArray weights = Nd4j.zeros(DataType.FLOAT, cases.size(), labels.size());
        weights.getColumn(index).assign(1);
        return weights;
    }
}
