package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.robustlab.core.io.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The progress of a run, saved in {@code robustlab-run.json} in the run folder after every phase: the phases
 * completed, the nested run of each model, and the content hash of the dataset the run started with.
 */
final class RunState {

    static final String FILE_NAME = "robustlab-run.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    private final List<String> completed;

    private final Map<String, String> modelRuns;

    private String datasetHash;

    private RunState(Path file, List<String> completed, Map<String, String> modelRuns, String datasetHash) {
        this.file = file;
        this.completed = new ArrayList<>(completed);
        this.modelRuns = new LinkedHashMap<>(modelRuns);
        this.datasetHash = datasetHash;
    }

    /** Creates the state of a new run and saves it. */
    static RunState create(Path runFolder) throws IOException {
        RunState state = new RunState(runFolder.resolve(FILE_NAME), List.of(), Map.of(), "");
        state.save();
        return state;
    }

    /**
     * Reads the state of a run folder.
     *
     * @throws IllegalArgumentException when the folder holds no Robustlab run state
     */
    @SuppressWarnings("unchecked")
    static RunState load(Path runFolder) throws IOException {
        Path file = runFolder.resolve(FILE_NAME);
        if (!AtomicFiles.verify(file)) {
            throw new IllegalArgumentException(runFolder + " holds no complete " + FILE_NAME + "; only runs started"
                    + " by 'robustlab run' can be resumed");
        }
        Map<String, Object> values = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
        return new RunState(
                file,
                (List<String>) values.getOrDefault("completed", List.of()),
                (Map<String, String>) values.getOrDefault("modelRuns", Map.of()),
                String.valueOf(values.getOrDefault("datasetHash", "")));
    }

    boolean isDone(String phase) {
        return completed.contains(phase);
    }

    void markDone(String phase) throws IOException {
        if (!completed.contains(phase)) {
            completed.add(phase);
            save();
        }
    }

    Optional<String> modelRun(String model) {
        return Optional.ofNullable(modelRuns.get(model));
    }

    void setModelRun(String model, String runId) throws IOException {
        modelRuns.put(model, runId);
        save();
    }

    String datasetHash() {
        return datasetHash;
    }

    void setDatasetHash(String hash) throws IOException {
        datasetHash = hash;
        save();
    }

    private void save() throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("completed", completed);
        values.put("modelRuns", modelRuns);
        values.put("datasetHash", datasetHash);
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(values);
        AtomicFiles.write(file, out -> out.write(json));
    }
}
