package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Model;
import org.robustlab.core.event.RunEvent;
import org.robustlab.experiment.ModelSection;
import org.robustlab.experiment.store.RunStatus;
import org.robustlab.experiment.store.StoredRun;

/**
 * Trains the models of a run one after the other. Each model is a nested run (tag {@code mlflow.parentRunId})
 * that holds its parameters, per-epoch metrics, checkpoints and the selected weights, {@code model.npz}.
 */
final class TrainingPhase {

    /** File name of a model's selected weights in its nested run's artifacts. */
    static final String WEIGHTS = "model.npz";

    private final RunSession session;

    private final LoadedData data;

    private final ModelFactory factory;

    TrainingPhase(RunSession session, LoadedData data) {
        this.session = session;
        this.data = data;
        this.factory = new ModelFactory(session, data);
    }

    /** Trains every model not yet trained; each completed model is recorded in the run state. */
    void trainAll() throws IOException {
        int count = session.experiment().models().size();
        for (int i = 0; i < count; i++) {
            ModelSection model = session.experiment().models().get(i);
            String phase = "train:" + model.name();
            if (session.state().isDone(phase)) {
                continue;
            }
            session.checkCancelled();
            session.event(
                    RunEvent.Kind.PHASE_STARTED,
                    String.format(
                            "train model %d/%d '%s' (mode %s)",
                            i + 1, count, model.name(), model.mode().id()),
                    RunProgress.beforeModel(i, count));
            train(model);
            session.state().markDone(phase);
            session.event(
                    RunEvent.Kind.PHASE_FINISHED,
                    "model '" + model.name() + "' trained",
                    RunProgress.beforeModel(i + 1, count));
        }
    }

    /** Returns the nested run of a model, creating it on first use. */
    StoredRun modelRun(ModelSection model) throws IOException {
        Optional<String> existing = session.state().modelRun(model.name());
        if (existing.isPresent()) {
            Path folder = session.run().folder().resolveSibling(existing.get());
            return session.store().openRun(folder);
        }
        StoredRun child = session.store().createRun(session.run().experimentId(), model.name(), session.run());
        session.state().setModelRun(model.name(), child.runId());
        ParameterLog.logModel(child, session.experiment(), model);
        return child;
    }

    private void train(ModelSection model) throws IOException {
        StoredRun child = modelRun(model);
        child.reopen();
        TrainingCheckpoints checkpoints =
                new TrainingCheckpoints(child.artifacts().resolve("checkpoints"));
        Optional<TrainingCheckpoints.Restored> restored = checkpoints.load();
        TrainingLoop.Setup setup = new TrainingLoop.Setup(
                session.run().runId(),
                model.name(),
                session.experiment().training(),
                factory.mode(model),
                model.mode().parameters(),
                session.catalog().attacks(),
                session.experiment().seed(),
                session.listener(),
                session.monitor());
        try (Model network = restored.map(checkpoint -> factory.create(model, checkpoint.parameters()))
                .orElseGet(() -> factory.create(model))) {
            Map<String, INDArray> selected = new TrainingLoop(setup, checkpoints, child)
                    .train(
                            network,
                            restored.map(TrainingCheckpoints.Restored::state).orElse(TrainingState.initial()),
                            restored.map(TrainingCheckpoints.Restored::optimizer)
                                    .orElse(Map.of()),
                            data.train(),
                            data.validation());
            ArrayFiles.write(child.artifacts().resolve(WEIGHTS), selected);
            child.setTag(
                    "robustlab.engine",
                    network.engine().library() + " " + network.engine().version() + " on "
                            + network.engine().device());
        }
        child.finish(RunStatus.FINISHED);
    }
}
