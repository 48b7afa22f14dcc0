package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.robustlab.core.event.RunListener;
import org.robustlab.experiment.ContributionCatalog;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentReader;
import org.robustlab.experiment.ModelSection;
import org.robustlab.experiment.ReadOptions;
import org.robustlab.experiment.store.RunStore;
import org.robustlab.experiment.store.StoredRun;

/**
 * A run folder made by {@code robustlab run}, opened for reading by {@code explain} and {@code evaluate}: its
 * effective configuration, run state and the selected weights of its models. Opening checks everything a command
 * needs before it computes or writes anything, and reading changes nothing in the run folder.
 */
final class FinishedRun {

    private final RunSession session;

    private final Map<ModelSection, Path> weights;

    private FinishedRun(RunSession session, Map<ModelSection, Path> weights) {
        this.session = session;
        this.weights = weights;
    }

    /**
     * Opens a run folder and checks the weights of the named models, or of every model when none is named.
     *
     * @throws IllegalArgumentException when the folder is no complete run, a model name is unknown or a model's
     *     weights are missing. The message names the folder, model or file
     */
    static FinishedRun open(
            Path folder,
            List<String> modelNames,
            ContributionCatalog catalog,
            RunListener listener,
            IProgressMonitor monitor)
            throws IOException {
        Path runFolder = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(runFolder)) {
            throw new IllegalArgumentException("RUN_FOLDER " + folder + " is not a folder; give a run folder made by"
                    + " 'robustlab run', for example runs/1/<run id>");
        }
        if (runFolder.getParent() == null || runFolder.getParent().getParent() == null) {
            throw new IllegalArgumentException(
                    folder + " is not a run folder: expected <store>/<experiment id>/<run id>");
        }
        RunStore store = new RunStore(runFolder.getParent().getParent());
        StoredRun run = store.openRun(runFolder);
        String parent = run.tags().get(RunStore.PARENT_RUN_TAG);
        if (parent != null) {
            throw new IllegalArgumentException(runFolder + " is the nested run of model '" + run.runName() + "'; give"
                    + " the run folder of the whole run: " + runFolder.resolveSibling(parent));
        }
        if (!Files.isRegularFile(runFolder.resolve(RunState.FILE_NAME))) {
            throw new IllegalArgumentException(runFolder + " has no " + RunState.FILE_NAME + "; only run folders"
                    + " made by 'robustlab run' can be read");
        }
        RunState state = RunState.load(runFolder);
        Path configuration = run.artifacts().resolve(DefaultExperimentRunner.EFFECTIVE_CONFIGURATION);
        if (!Files.isRegularFile(configuration)) {
            throw new IllegalArgumentException(runFolder + " has no artifacts/"
                    + DefaultExperimentRunner.EFFECTIVE_CONFIGURATION + "; only runs made by 'robustlab run' can be"
                    + " read");
        }
        Experiment stored = new ExperimentReader(catalog).read(configuration, ReadOptions.none());
        Experiment experiment =
                DefaultExperimentRunner.withProfile(stored, run.tags().getOrDefault("robustlab.profile", ""));
        RunSession session = new RunSession(experiment, catalog, store, run, state, listener, monitor);
        return new FinishedRun(session, weights(session, modelNames));
    }

    private static Map<ModelSection, Path> weights(RunSession session, List<String> modelNames) throws IOException {
        List<String> all =
                session.experiment().models().stream().map(ModelSection::name).toList();
        List<String> names = modelNames.isEmpty() ? all : modelNames;
        Map<ModelSection, Path> weights = new LinkedHashMap<>();
        for (String name : names) {
            Optional<ModelSection> model = session.experiment().model(name);
            if (model.isEmpty()) {
                throw new IllegalArgumentException(
                        "--model " + name + ": the run has no such model; its models: " + all);
            }
            Optional<String> childRun = session.state().modelRun(name);
            Path file = childRun.map(id -> session.run()
                            .folder()
                            .resolveSibling(id)
                            .resolve("artifacts")
                            .resolve(TrainingPhase.WEIGHTS))
                    .orElse(null);
            if (file == null || !session.state().isDone("train:" + name) || !ArrayFiles.isComplete(file)) {
                throw new IllegalArgumentException("Missing checkpoint of model '" + name + "': "
                        + (file == null
                                ? "the run state names no nested run for it"
                                : file + " is missing or" + " incomplete")
                        + "; finish the run first with: robustlab run --resume "
                        + session.run().folder());
            }
            weights.put(model.get(), file);
        }
        return weights;
    }

    RunSession session() {
        return session;
    }

    Experiment experiment() {
        return session.experiment();
    }

    /** Returns the names of the opened models, in experiment order. */
    List<String> modelNames() {
        List<String> names = new ArrayList<>();
        weights.keySet().forEach(model -> names.add(model.name()));
        return names;
    }

    /** Imports the run's dataset again and checks that its content hash is the recorded one. */
    LoadedData loadData() throws IOException {
        return DatasetPhase.reload(session, DefaultExperimentRunner.cacheDirectory());
    }

    /** Loads the opened models with their selected weights; the caller closes them. */
    TrainedModels loadModels(LoadedData data) throws IOException {
        return TrainedModels.load(session, data, weights);
    }
}
