package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.robustlab.core.attack.AttackGenerators;
import org.robustlab.core.data.DatasetImporters;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.event.RunListener;
import org.robustlab.core.metric.EvaluationMetrics;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.saliency.SaliencyMethods;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.ContributionCatalog;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentReader;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.ReadOptions;
import org.robustlab.experiment.RunSummary;
import org.robustlab.experiment.store.RunLock;
import org.robustlab.experiment.store.RunStatus;
import org.robustlab.experiment.store.RunStore;
import org.robustlab.experiment.store.StoredRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The experiment runner service: one run folder per run, phases recorded for resumption. */
@Component(service = ExperimentRunner.class)
public final class DefaultExperimentRunner implements ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultExperimentRunner.class);

    /** The effective configuration in a run's artifacts, which a resumed run reads. */
    static final String EFFECTIVE_CONFIGURATION = "experiment.yaml";

    /** The experiment file as given, kept next to the effective configuration. */
    static final String SOURCE_CONFIGURATION = "experiment-source.yaml";

    @Reference
    private DatasetImporters importers;

    @Reference
    private Engines engines;

    @Reference
    private ModelArchitectures architectures;

    @Reference
    private TrainingModes modes;

    @Reference
    private AttackGenerators attacks;

    @Reference
    private SaliencyMethods saliency;

    @Reference
    private EvaluationMetrics metrics;

    @Override
    public ContributionCatalog catalog() {
        return new ContributionCatalog(importers, engines, architectures, modes, attacks, saliency, metrics);
    }

    @Override
    public ExperimentReader reader() {
        return new ExperimentReader(catalog());
    }

    @Override
    public RunSummary run(
            Experiment experiment, String sourceText, Path storeRoot, RunListener listener, IProgressMonitor monitor)
            throws IOException {
        RunStore store = new RunStore(storeRoot);
        String experimentId = store.experimentId(experiment.name());
        String runName =
                experiment.name() + " " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                        + (experiment.profile().isEmpty() ? "" : " (" + experiment.profile() + ")");
        StoredRun run = store.createRun(experimentId, runName, null);
        try (RunLock lock = run.lock()) {
            YamlText.write(run.artifacts().resolve(SOURCE_CONFIGURATION), sourceText);
            YamlText.write(
                    run.artifacts().resolve(EFFECTIVE_CONFIGURATION),
                    YamlText.toYaml(experiment.effectiveConfiguration()));
            ParameterLog.logExperiment(run, experiment);
            run.setTag("robustlab.profile", experiment.profile());
            RunState state = RunState.create(run.folder());
            return execute(new RunSession(experiment, catalog(), store, run, state, listener, monitor));
        }
    }

    @Override
    public RunSummary resume(Path runFolder, RunListener listener, IProgressMonitor monitor) throws IOException {
        Path folder = runFolder.toAbsolutePath().normalize();
        if (folder.getParent() == null || folder.getParent().getParent() == null) {
            throw new IllegalArgumentException(
                    runFolder + " is not a run folder: expected" + " <store>/<experiment id>/<run id>");
        }
        RunStore store = new RunStore(folder.getParent().getParent());
        StoredRun run = store.openRun(folder);
        try (RunLock lock = run.lock()) {
            RunState state = RunState.load(run.folder());
            Path configuration = run.artifacts().resolve(EFFECTIVE_CONFIGURATION);
            if (!Files.isRegularFile(configuration)) {
                throw new IllegalArgumentException(run.folder() + " has no artifacts/" + EFFECTIVE_CONFIGURATION
                        + "; only runs started by 'robustlab run' can be resumed");
            }
            String profile = run.tags().getOrDefault("robustlab.profile", "");
            Experiment stored = reader().read(configuration, ReadOptions.none());
            Experiment experiment = withProfile(stored, profile);
            run.reopen();
            LOG.info("Resuming run {} of experiment {}; completed phases are kept", run.runId(), experiment.name());
            return execute(new RunSession(experiment, catalog(), store, run, state, listener, monitor));
        }
    }

    /** Returns the experiment with its profile name set, as the effective configuration does not record it. */
    static Experiment withProfile(Experiment experiment, String profile) {
        return new Experiment(
                experiment.name(),
                experiment.description(),
                experiment.seed(),
                experiment.engine(),
                experiment.dataset(),
                experiment.architecture(),
                experiment.training(),
                experiment.models(),
                experiment.evaluation(),
                profile);
    }

    private RunSummary execute(RunSession session) throws IOException {
        StoredRun run = session.run();
        long start = System.nanoTime();
        session.event(
                RunEvent.Kind.STARTED, "experiment '" + session.experiment().name() + "' in " + run.folder(), 0);
        LOG.info(
                "Run {} of experiment {} started in {}",
                run.runId(),
                session.experiment().name(),
                run.folder());
        try {
            RunSummary summary = phases(session);
            run.finish(RunStatus.FINISHED);
            LOG.info(
                    "Run {} finished in {}; report {}",
                    run.runId(),
                    ProgressBar.duration((System.nanoTime() - start) / 1e9),
                    summary.report());
            session.event(RunEvent.Kind.FINISHED, "report " + summary.report(), 1);
            return summary;
        } catch (OperationCanceledException e) {
            run.finish(RunStatus.KILLED);
            session.event(
                    RunEvent.Kind.FAILED, "cancelled; resume with: robustlab run --resume " + run.folder(), Double.NaN);
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            run.finish(RunStatus.FAILED);
            session.event(
                    RunEvent.Kind.FAILED,
                    String.valueOf(e.getMessage()) + "; after fixing the cause, resume"
                            + " with: robustlab run --resume " + run.folder(),
                    Double.NaN);
            throw e;
        }
    }

    private RunSummary phases(RunSession session) throws IOException {
        Path cache = cacheDirectory();
        LoadedData data = DatasetPhase.load(session, cache);
        TrainingPhase training = new TrainingPhase(session, data);
        training.trainAll();
        ModelFactory factory = new ModelFactory(session, data);
        EvaluationResults results;
        String engine;
        try (TrainedModels models = TrainedModels.load(session, data, training)) {
            results = new EvaluationPhase(session, data, models).evaluate();
            var info = factory.engine().info();
            engine = info.library() + " " + info.version() + " on " + info.device();
        }
        Map.Entry<Path, List<Claim>> report = new ReportPhase(session, data, training).write(results, factory, engine);
        session.state().markDone("report");
        return new RunSummary(session.run().runId(), session.run().folder(), report.getKey(), report.getValue());
    }

    /** Returns the tensor cache of the importers: {@code $ROBUSTLAB_HOME/cache/datasets}, else under the home. */
    static Path cacheDirectory() {
        String home = System.getenv("ROBUSTLAB_HOME");
        Path base =
                home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".robustlab") : Path.of(home);
        return base.resolve("cache").resolve("datasets");
    }
}
