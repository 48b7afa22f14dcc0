package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.model.Branch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Saves and reads the evaluation's intermediate results in the run's {@code results/} folder: NumPy archives for
 * arrays ({@code scores.npz}, {@code robustness.npz}, {@code saliency.npz}) with JSON indexes that say what each
 * array is, and {@code metrics.json} for the metric results. Every file is written atomically with a checksum.
 */
final class EvaluationStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    EvaluationStore(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** Returns whether the files of a step are complete. */
    boolean isComplete(String step) throws IOException {
        return switch (step) {
            case "scores" -> AtomicFiles.verify(folder.resolve("scores.npz"));
            case "robustness" ->
                AtomicFiles.verify(folder.resolve("robustness.npz"))
                        && AtomicFiles.verify(folder.resolve("robustness.json"));
            case "saliency" ->
                AtomicFiles.verify(folder.resolve("saliency.npz"))
                        && AtomicFiles.verify(folder.resolve("saliency.json"));
            case "metrics" -> AtomicFiles.verify(folder.resolve("metrics.json"));
            default -> false;
        };
    }

    void writeScores(Map<String, INDArray> scores) throws IOException {
        ArrayFiles.write(folder.resolve("scores.npz"), scores);
    }

    Map<String, INDArray> readScores() throws IOException {
        return ArrayFiles.read(folder.resolve("scores.npz"));
    }

    void writeRobustness(List<EvaluationResults.RobustPoint> points) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        List<Map<String, Object>> index = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            EvaluationResults.RobustPoint point = points.get(p);
            Map<String, String> keys = new LinkedHashMap<>();
            int m = 0;
            for (Map.Entry<String, INDArray> entry : point.scores().entrySet()) {
                String key = "point" + p + "_model" + m++;
                arrays.put(key, entry.getValue());
                keys.put(entry.getKey(), key);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sweep", point.sweep());
            entry.put("attack", point.attack());
            entry.put("epsilon", point.epsilon());
            entry.put("dualBranch", point.dualBranch().name());
            entry.put("scores", keys);
            index.add(entry);
        }
        ArrayFiles.write(folder.resolve("robustness.npz"), arrays);
        writeJson("robustness.json", index);
    }

    @SuppressWarnings("unchecked")
    List<EvaluationResults.RobustPoint> readRobustness() throws IOException {
        Map<String, INDArray> arrays = ArrayFiles.read(folder.resolve("robustness.npz"));
        List<Map<String, Object>> index = readJson("robustness.json", new TypeReference<>() {});
        List<EvaluationResults.RobustPoint> points = new ArrayList<>();
        for (Map<String, Object> entry : index) {
            Map<String, INDArray> scores = new LinkedHashMap<>();
            ((Map<String, String>) entry.get("scores")).forEach((model, key) -> scores.put(model, arrays.get(key)));
            points.add(new EvaluationResults.RobustPoint(
                    ((Number) entry.get("sweep")).intValue(),
                    (String) entry.get("attack"),
                    ((Number) entry.get("epsilon")).doubleValue(),
                    Branch.valueOf((String) entry.get("dualBranch")),
                    scores));
        }
        return points;
    }

    void writeSaliency(EvaluationResults.SaliencySet set) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("images", set.images());
        arrays.put("targets", set.targets());
        if (set.masks() != null) {
            arrays.put("masks", set.masks());
        }
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        int k = 0;
        for (var model : set.maps().entrySet()) {
            Map<String, String> byMethod = new LinkedHashMap<>();
            for (var method : model.getValue().entrySet()) {
                String key = "map" + k++;
                arrays.put(key, method.getValue());
                byMethod.put(method.getKey(), key);
            }
            keys.put(model.getKey(), byMethod);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("positions", set.positions());
        index.put("maps", keys);
        ArrayFiles.write(folder.resolve("saliency.npz"), arrays);
        writeJson("saliency.json", index);
    }

    @SuppressWarnings("unchecked")
    EvaluationResults.SaliencySet readSaliency() throws IOException {
        Map<String, INDArray> arrays = ArrayFiles.read(folder.resolve("saliency.npz"));
        Map<String, Object> index = readJson("saliency.json", new TypeReference<>() {});
        List<Integer> positions = new ArrayList<>();
        ((List<Number>) index.get("positions")).forEach(position -> positions.add(position.intValue()));
        Map<String, Map<String, INDArray>> maps = new LinkedHashMap<>();
        ((Map<String, Map<String, String>>) index.get("maps")).forEach((model, byMethod) -> {
            Map<String, INDArray> methods = new LinkedHashMap<>();
            byMethod.forEach((method, key) -> methods.put(method, arrays.get(key)));
            maps.put(model, methods);
        });
        return new EvaluationResults.SaliencySet(
                positions, arrays.get("images"), arrays.get("masks"), arrays.get("targets"), maps);
    }

    void writeMetrics(List<MetricRecord> records) throws IOException {
        writeJson("metrics.json", records);
        MetricTables.writeCsv(folder.resolve("metrics.csv"), records);
    }

    List<MetricRecord> readMetrics() throws IOException {
        return readJson("metrics.json", new TypeReference<>() {});
    }

    private void writeJson(String name, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        AtomicFiles.write(folder.resolve(name), out -> out.write(bytes));
    }

    private <T> T readJson(String name, TypeReference<T> type) throws IOException {
        Path file = folder.resolve(name);
        if (!AtomicFiles.verify(file)) {
            throw new IOException(file + " is missing or does not match its checksum");
        }
        return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
    }
}
