package org.robustlab.experiment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.cli.Command;
import org.robustlab.cli.CommandContext;
import org.robustlab.core.contribution.ContributionException;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.InvalidExperimentException;
import org.robustlab.experiment.ReadOptions;
import org.robustlab.experiment.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code robustlab run}: runs an experiment file, or the bundled default, and writes its run folder and report. */
@Component(service = Command.class)
public final class RunCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    /** Folder of the bundled experiments, resources of this bundle named {@code <name>.yaml}. */
    static final String BUNDLED_FOLDER = "experiments/";

    /** The bundled default experiment. */
    static final String DEFAULT_EXPERIMENT = BUNDLED_FOLDER + "lesion-benchmark.yaml";

    @Reference
    private ExperimentRunner runner;

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "Train, evaluate and report an experiment (default: the lesion benchmark on real scans)";
    }

    @Override
    public String usage() {
        return """
                Usage: robustlab run [EXPERIMENT | NAME] [--quick] [--engine ID] [--output DIR]
                       robustlab run --resume RUN_FOLDER

                Trains every model the experiment file names, evaluates accuracy, robustness and saliency, and
                writes one run folder with the effective configuration, checkpoints, metrics (CSV, JSON),
                saliency images and a self-contained HTML report (artifacts/report.html).

                  EXPERIMENT       a YAML or JSON experiment file; without it the bundled default runs:
                                   the lesion benchmark on real CT and MR slices with synthetic lesions
                  NAME             a bundled experiment: lesion-benchmark (the default) or fashion-mnist,
                                   the same comparison on Fashion-MNIST (real labelled, not medical images)
                  --quick          apply the file's 'quick' profile (a few minutes on a laptop CPU)
                  --profile NAME   apply another profile of the file
                  --engine ID      train and evaluate on this engine instead of the file's
                  --output DIR     the run store, in MLflow's file-store layout (default: ./runs);
                                   view it with: mlflow ui --backend-store-uri DIR
                  --resume FOLDER  continue an interrupted run, for example runs/1/<run id>
                  --print-default  print the bundled default experiment and exit; with NAME, print
                                   that bundled experiment (a start for your own file)

                The file is validated completely before anything runs; an invalid file exits with code 2 and
                names the invalid value by its path, for example models[1].parameters.epsilon.""";
    }

    @Override
    public int run(List<String> arguments, CommandContext context) {
        RunArguments parsed;
        try {
            parsed = RunArguments.parse(arguments);
        } catch (IllegalArgumentException e) {
            context.err().println(e.getMessage() + "\n\n" + usage());
            return USAGE;
        }
        if (parsed.printDefault()) {
            String resource = parsed.experiment() == null ? DEFAULT_EXPERIMENT : bundledResource(parsed.experiment());
            try {
                context.out().print(bundledExperiment(resource));
                return OK;
            } catch (NoSuchFileException e) {
                context.err()
                        .println("No bundled experiment '" + parsed.experiment() + "'; the bundled ones are "
                                + "lesion-benchmark and fashion-mnist");
                return USAGE;
            } catch (IOException e) {
                context.err().println("Cannot read the bundled experiment " + resource + ": " + e.getMessage());
                return FAILED;
            }
        }
        ProgressBar progress = new ProgressBar(context.err(), context.interactive(), System::nanoTime);
        try {
            RunSummary summary = parsed.resume() != null
                    ? runner.resume(context.resolve(parsed.resume()), progress, context.monitor())
                    : start(parsed, context, progress);
            printSummary(summary, context);
            return OK;
        } catch (InvalidExperimentException e) {
            context.err().println("Invalid experiment: " + e.getMessage());
            return USAGE;
        } catch (OperationCanceledException e) {
            context.err().println("Cancelled.");
            return FAILED;
        } catch (IOException | IllegalArgumentException | IllegalStateException | ContributionException e) {
            LOG.error("Run failed: {}", e.getMessage(), e);
            context.err().println("Run failed: " + e.getMessage());
            return FAILED;
        }
    }

    private RunSummary start(RunArguments parsed, CommandContext context, ProgressBar progress) throws IOException {
        ReadOptions options = ReadOptions.none().withProfile(parsed.profile()).withEngine(parsed.engine());
        String text;
        Experiment experiment;
        Path file = parsed.experiment() == null ? null : context.resolve(parsed.experiment());
        if (file == null || !Files.exists(file) && isBundledName(parsed.experiment())) {
            String resource = file == null ? DEFAULT_EXPERIMENT : bundledResource(parsed.experiment());
            text = bundledExperiment(resource);
            experiment = runner.reader().read(text, resource, context.workingDirectory(), options);
        } else {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InvalidExperimentException(
                        parsed.experiment(),
                        "file not found (resolved to " + file + "), and no bundled experiment has this name;"
                                + " the bundled ones are lesion-benchmark and fashion-mnist");
            }
            experiment = runner.reader().read(text, file.getFileName().toString(), file.getParent(), options);
        }
        Path store = context.resolve(parsed.output());
        return runner.run(experiment, text, store, progress, context.monitor());
    }

    private static void printSummary(RunSummary summary, CommandContext context) {
        context.out().println("Run " + summary.runId() + " finished.");
        context.out().println("Report:     " + summary.report());
        context.out().println("Run folder: " + summary.runFolder());
        context.out().println("Claims of Han et al. (2021) on this run:");
        for (Claim claim : summary.claims()) {
            context.out()
                    .printf(
                            Locale.ROOT,
                            "  [%s] %s (%s): %s%n",
                            claim.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                            claim.claim(),
                            claim.comparison(),
                            claim.evidence());
        }
    }

    /** Returns whether {@code argument} names a bundled experiment: a plain name of a bundled resource. */
    private static boolean isBundledName(String argument) {
        return argument.matches("[a-z0-9-]+")
                && FrameworkUtil.getBundle(RunCommand.class).getEntry(bundledResource(argument)) != null;
    }

    private static String bundledResource(String name) {
        return BUNDLED_FOLDER + name + ".yaml";
    }

    /** Returns the text of a bundled experiment, a resource of this bundle. */
    static String bundledExperiment(String path) throws IOException {
        URL resource = FrameworkUtil.getBundle(RunCommand.class).getEntry(path);
        if (resource == null) {
            throw new NoSuchFileException(path + " in bundle org.robustlab.experiment");
        }
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
