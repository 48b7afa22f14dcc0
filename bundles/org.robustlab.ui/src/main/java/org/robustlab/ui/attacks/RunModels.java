package org.robustlab.ui.attacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Engines;
import org.robustlab.core.engine.Model;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.io.Npz;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.ModelArchitecture;
import org.robustlab.core.model.ModelArchitectures;
import org.robustlab.core.model.NetworkShape;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModes;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.ExperimentRunner;
import org.robustlab.experiment.ModelSection;
import org.robustlab.experiment.ReadOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The trained models of a finished run, rebuilt through the registries as the experiment runner builds them: the
 * experiment file of the run read again with its profile and engine, the dataset shape from its manifest, and the
 * weights ({@code artifacts/model.npz}) of each model's nested run.
 */
public final class RunModels implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Model> models = new LinkedHashMap<>();

    private final Map<String, Normalization> normalizations = new LinkedHashMap<>();

    private final Head head;

    private final java.util.List<String> labels;

    private RunModels(Head head, java.util.List<String> labels) {
        this.head = head;
        this.labels = labels;
    }

    /** The registries the models are rebuilt with. */
    public record Services(
            ExperimentRunner runner, ModelArchitectures architectures, TrainingModes modes, Engines engines) {}

    /**
     * Loads every model of the run in {@code runFolder}.
     *
     * @throws IOException when a file of the run is missing, damaged or unreadable; the message names it
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static RunModels load(Path runFolder, Services services) throws IOException {
        Path artifacts = runFolder.resolve("artifacts");
        String text = Files.readString(artifacts.resolve("experiment-source.yaml"), StandardCharsets.UTF_8);
        String profile = readOptional(runFolder.resolve("tags").resolve("robustlab.profile"));
        String engineId = readOptional(runFolder.resolve("params").resolve("engine"));
        Experiment experiment = services.runner()
                .reader()
                .read(
                        text,
                        "experiment-source.yaml",
                        runFolder,
                        ReadOptions.none().withProfile(profile).withEngine(engineId));
        JsonNode manifest = JSON.readTree(
                artifacts.resolve("dataset").resolve("manifest.json").toFile());
        Head head = manifest.path("task").asText().equals("MULTICLASS") ? Head.SOFTMAX : Head.SIGMOID;
        java.util.List<String> labels = new java.util.ArrayList<>();
        manifest.path("labels").forEach(label -> labels.add(label.asText()));
        RunModels loaded = new RunModels(head, labels);
        Engine engine = services.engines().get(experiment.engine());
        ModelArchitecture architecture =
                services.architectures().get(experiment.architecture().id());
        Map<String, Path> children = childRuns(runFolder);
        try {
            for (ModelSection section : experiment.models()) {
                TrainingMode mode = services.modes().get(section.mode().id());
                Normalization normalization = mode.normalization(section.mode().parameters());
                NetworkShape shape = new NetworkShape(
                        manifest.path("channels").asInt(),
                        manifest.path("height").asInt(),
                        manifest.path("width").asInt(),
                        labels.size(),
                        head,
                        normalization);
                Path weights = weights(children, section.name(), runFolder);
                Map<String, INDArray> parameters = Npz.read(weights);
                loaded.models.put(
                        section.name(),
                        engine.create(
                                architecture.build(
                                        shape, experiment.architecture().parameters()),
                                parameters));
                loaded.normalizations.put(section.name(), normalization);
            }
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
        return loaded;
    }

    /** Returns the models by name, in experiment order. */
    public Map<String, Model> models() {
        return models;
    }

    /** Returns whether a model has dual batch norm, so that it can be run through either branch. */
    public boolean isDual(String model) {
        return normalizations.get(model) == Normalization.DUAL;
    }

    /** Returns the output head of the models. */
    public Head head() {
        return head;
    }

    /** Returns the label names, one per output. */
    public java.util.List<String> labels() {
        return labels;
    }

    @Override
    public void close() {
        models.values().forEach(Model::close);
        models.clear();
    }

    private static Path weights(Map<String, Path> children, String model, Path runFolder) throws IOException {
        Path child = children.get(model);
        Path file = child == null ? null : child.resolve("artifacts").resolve("model.npz");
        if (file == null || !AtomicFiles.verify(file)) {
            throw new IOException("No complete weights of model " + model + " under run " + runFolder.getFileName()
                    + " (expected artifacts/model.npz of its nested run); choose a finished run");
        }
        return file;
    }

    /** Returns the nested runs of a run by run name. */
    private static Map<String, Path> childRuns(Path runFolder) throws IOException {
        Map<String, Path> children = new LinkedHashMap<>();
        String runId = runFolder.getFileName().toString();
        try (Stream<Path> folders = Files.list(runFolder.getParent())) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                String parent = readOptional(folder.resolve("tags").resolve("mlflow.parentRunId"));
                if (parent.equals(runId)) {
                    children.put(readOptional(folder.resolve("tags").resolve("mlflow.runName")), folder);
                }
            }
        }
        return children;
    }

    private static String readOptional(Path file) throws IOException {
        return Files.isRegularFile(file)
                ? Files.readString(file, StandardCharsets.UTF_8).strip()
                : "";
    }
}
