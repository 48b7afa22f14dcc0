package org.robustlab.experiment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated experiment: the dataset, the engine and architecture, how to train, the models to train (one per
 * training mode) and what to evaluate. Every contribution id exists and every parameter has been bound to its
 * record, so a run can start without further checks.
 *
 * @param name the experiment name; runs of one name are grouped in one experiment of the run store
 * @param description what the experiment shows
 * @param seed the seed of the split, initial weights, random starts and bootstrap
 * @param engine id of the engine that trains and evaluates the models
 * @param dataset the dataset and its preprocessing
 * @param architecture the architecture and its parameters, shared by every model
 * @param training the training settings shared by every model
 * @param models the models to train, in report order
 * @param evaluation the attacks, saliency methods and metrics
 * @param profile the profile applied to the file, for example {@code quick}, or empty
 */
public record Experiment(
        String name,
        String description,
        long seed,
        String engine,
        DatasetSection dataset,
        ContributionChoice architecture,
        TrainingSettings training,
        List<ModelSection> models,
        EvaluationSection evaluation,
        String profile) {

    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(evaluation, "evaluation");
        description = description == null ? "" : description;
        profile = profile == null ? "" : profile;
        models = List.copyOf(models);
    }

    /** Returns the model the others are compared with: the configured baseline, else the first model. */
    public ModelSection baseline() {
        String name = evaluation.settings().baseline();
        return model(name).orElse(models.get(0));
    }

    /** Returns the model with this name. */
    public Optional<ModelSection> model(String modelName) {
        return models.stream().filter(model -> model.name().equals(modelName)).findFirst();
    }

    /** Returns the effective configuration: every value that the run uses, defaults included. */
    public Map<String, Object> effectiveConfiguration() {
        return EffectiveConfiguration.of(this);
    }
}
