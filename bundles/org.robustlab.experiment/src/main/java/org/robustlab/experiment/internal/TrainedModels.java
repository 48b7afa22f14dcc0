package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Normalization;
import org.robustlab.experiment.ModelSection;
import org.robustlab.experiment.store.StoredRun;

/** The trained models of a run, loaded from the selected weights of each nested run, in experiment order. */
final class TrainedModels implements AutoCloseable {

    private final Map<String, Model> models = new LinkedHashMap<>();

    private final Map<String, Normalization> normalizations = new LinkedHashMap<>();

    private TrainedModels() {}

    static TrainedModels load(RunSession session, LoadedData data, TrainingPhase training) throws IOException {
        Map<ModelSection, Path> weights = new LinkedHashMap<>();
        for (ModelSection model : session.experiment().models()) {
            StoredRun run = training.modelRun(model);
            weights.put(model, run.artifacts().resolve(TrainingPhase.WEIGHTS));
        }
        return load(session, data, weights);
    }

    /** Loads the given models, in the map's order, from their weight files. */
    static TrainedModels load(RunSession session, LoadedData data, Map<ModelSection, Path> weights) throws IOException {
        ModelFactory factory = new ModelFactory(session, data);
        TrainedModels loaded = new TrainedModels();
        try {
            for (Map.Entry<ModelSection, Path> entry : weights.entrySet()) {
                ModelSection model = entry.getKey();
                loaded.models.put(model.name(), factory.create(model, ArrayFiles.read(entry.getValue())));
                loaded.normalizations.put(model.name(), factory.normalization(model));
            }
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
        return loaded;
    }

    Map<String, Model> models() {
        return models;
    }

    Model model(String name) {
        return models.get(name);
    }

    /** Returns whether a model has dual batch norm. */
    boolean isDual(String name) {
        return normalizations.get(name) == Normalization.DUAL;
    }

    /** Returns the branch to use for a model: {@code dualBranch} for dual-BN models, the clean one otherwise. */
    Branch branch(String name, Branch dualBranch) {
        return isDual(name) ? dualBranch : Branch.CLEAN;
    }

    @Override
    public void close() {
        models.values().forEach(Model::close);
        models.clear();
    }
}
