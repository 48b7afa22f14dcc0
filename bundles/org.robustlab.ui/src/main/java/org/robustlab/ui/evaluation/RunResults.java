package org.robustlab.ui.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.metric.MetricResult;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The metric results of a run folder ({@code artifacts/results/metrics.json}, as the experiment runner writes
 * it), split into the results on clean test images and robustness curves built from the attack sweep.
 */
public final class RunResults {

    /** Prefix of the robustness series: {@code robustness/<attack>/<measure>/<model>/<label>}. */
    public static final String ROBUSTNESS_PREFIX = "robustness/";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<MetricResult> clean;

    private final MetricResult robustness;

    private RunResults(List<MetricResult> clean, MetricResult robustness) {
        this.clean = clean;
        this.robustness = robustness;
    }

    /**
     * Reads the results of a run folder.
     *
     * @throws IOException when {@code metrics.json} is missing, incomplete or unreadable; the message names it
     */
    public static RunResults read(Path runFolder) throws IOException {
        Path file = runFolder.resolve("artifacts").resolve("results").resolve("metrics.json");
        if (!AtomicFiles.verify(file)) {
            throw new IOException(file + " is missing or does not match its checksum; choose a finished run");
        }
        JsonNode records = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        List<MetricResult> clean = new ArrayList<>();
        Map<String, TreeMap<Double, Double>> sweep = new LinkedHashMap<>();
        for (JsonNode record : records) {
            if (record.path("result").isNull() || record.path("result").isMissingNode()) {
                continue;
            }
            MetricResult result = JSON.treeToValue(record.get("result"), MetricResult.class);
            String condition = record.path("condition").asText();
            if (condition.equals("clean")) {
                clean.add(result);
            } else if (condition.equals("attack")) {
                addSweepPoints(
                        sweep,
                        record.path("attack").asText(),
                        record.path("epsilon").asDouble(),
                        result);
            }
        }
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        sweep.forEach((key, points) -> {
            List<double[]> list = new ArrayList<>();
            points.forEach((epsilon, value) -> list.add(new double[] {epsilon, value}));
            curves.put(ROBUSTNESS_PREFIX + key, list);
        });
        MetricResult robustness = new MetricResult("robustness", Map.of(), List.of(), curves, List.of());
        return new RunResults(clean, robustness);
    }

    /** Returns the results on clean test images. */
    public List<MetricResult> clean() {
        return clean;
    }

    /** Returns the robustness series over epsilon, one per attack, measure, model and label. */
    public MetricResult robustness() {
        return robustness;
    }

    /** Returns what the evaluation views receive: the clean results and the robustness series. */
    public List<MetricResult> all() {
        List<MetricResult> all = new ArrayList<>(clean);
        all.add(robustness);
        return all;
    }

    /** Measures drawn over epsilon; the rest (DeLong differences, label means) stay in the metric table. */
    private static final java.util.Set<String> SWEEP_MEASURES = java.util.Set.of("auroc", "accuracy");

    private static void addSweepPoints(
            Map<String, TreeMap<Double, Double>> sweep, String attack, double epsilon, MetricResult result) {
        result.values().forEach(value -> {
            if (Double.isFinite(value.value()) && SWEEP_MEASURES.contains(value.name())) {
                String key = attack + "/" + value.name() + "/" + value.model() + "/" + value.label();
                sweep.computeIfAbsent(key, ignored -> new TreeMap<>()).put(epsilon, value.value());
            }
        });
    }
}
