package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Branch;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.experiment.ContributionChoice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the results of {@code robustlab explain} into a new folder: overlay, map and grid images, the raw maps as
 * a NumPy archive, {@code saliency.csv} with one row per case, model and method, and {@code explain.json} with
 * the parameters. Cases are named by their position in the test split, never by a patient or sample identifier.
 */
final class ExplanationWriter {

    /** The maps of one model and method. */
    record Explanation(String model, Branch branch, ContributionChoice method, SaliencyResult result) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String COMPLETENESS_ERROR = "completenessError";

    private final Path folder;

    private final RunSession session;

    private final LoadedData data;

    ExplanationWriter(Path folder, RunSession session, LoadedData data) {
        this.folder = folder;
        this.session = session;
        this.data = data;
    }

    void write(
            List<Integer> positions, SplitData cases, INDArray targets, String target, List<Explanation> explanations)
            throws IOException {
        Map<String, Map<String, INDArray>> maps = new LinkedHashMap<>();
        for (Explanation explanation : explanations) {
            maps.computeIfAbsent(explanation.model(), model -> new LinkedHashMap<>())
                    .put(explanation.method().id(), explanation.result().maps());
        }
        EvaluationResults.SaliencySet set = new EvaluationResults.SaliencySet(
                positions, cases.images(), cases.masks().orElse(null), targets, maps);
        new EvaluationStore(folder).writeSaliency(set);
        new SaliencyGridWriter(folder.resolve("overlays")).write(set, positions.size());
        new SaliencyGridWriter(folder.resolve("maps")).writeHeatmaps(set);
        writeCsv(positions, targets, explanations);
        writeJson(positions, target, explanations);
    }

    private void writeCsv(List<Integer> positions, INDArray targets, List<Explanation> explanations)
            throws IOException {
        StringBuilder csv = new StringBuilder("case,test_position,model,method,branch,target,empty,minimum,maximum,"
                + "mean_absolute,completeness_error,details\n");
        List<String> labels = data.manifest().labels();
        for (Explanation explanation : explanations) {
            SaliencyResult result = explanation.result();
            boolean[] empty = result.empty();
            for (int c = 0; c < positions.size(); c++) {
                INDArray map = result.maps().slice(c).castTo(DataType.DOUBLE);
                csv.append(String.join(
                                ",",
                                caseLabel(c),
                                Integer.toString(positions.get(c)),
                                MetricTables.quote(explanation.model()),
                                MetricTables.quote(explanation.method().id()),
                                explanation.branch().name().toLowerCase(Locale.ROOT),
                                MetricTables.quote(targetText(targets.getRow(c), labels)),
                                Boolean.toString(empty[c]),
                                MetricTables.number(map.minNumber().doubleValue()),
                                MetricTables.number(map.maxNumber().doubleValue()),
                                MetricTables.number(map.ameanNumber().doubleValue()),
                                MetricTables.number(perImage(result, COMPLETENESS_ERROR, c)),
                                MetricTables.quote(JSON.writer()
                                        .without(SerializationFeature.INDENT_OUTPUT)
                                        .writeValueAsString(imageDetails(result, c)))))
                        .append('\n');
            }
        }
        YamlText.write(folder.resolve("saliency.csv"), csv.toString());
    }

    private void writeJson(List<Integer> positions, String target, List<Explanation> explanations) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", "explain");
        json.put("run", runDescription(session));
        json.put("target", target.equals(ExplainArguments.WEIGHTS) ? "true labels (weights)" : target);
        json.put("labels", data.manifest().labels());
        json.put(
                "display",
                "absolute value, clipped to mean +- 3 standard deviations, scaled to [0, 1] (Han et al."
                        + " 2021); metrics and saliency.npz use the raw maps");
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int c = 0; c < positions.size(); c++) {
            cases.add(Map.of("case", caseLabel(c), "testPosition", positions.get(c)));
        }
        json.put("cases", cases);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Explanation explanation : explanations) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", explanation.model());
            entry.put("branch", explanation.branch().name().toLowerCase(Locale.ROOT));
            entry.put("method", explanation.method().id());
            entry.put("parameters", explanation.method().parameterValues());
            entry.put("details", new TreeMap<>(explanation.result().details()));
            double[] errors = perImageArray(explanation.result(), COMPLETENESS_ERROR);
            if (errors != null) {
                entry.put("maxAbsoluteCompletenessError", maxAbsolute(errors));
            }
            results.add(entry);
        }
        json.put("results", results);
        YamlText.write(folder.resolve("explain.json"), JSON.writeValueAsString(json));
    }

    /** Returns what identifies the run in a results file: ids, experiment, folder and dataset hash. */
    static Map<String, Object> runDescription(RunSession session) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", session.run().runId());
        run.put("experimentId", session.run().experimentId());
        run.put("experiment", session.experiment().name());
        run.put("profile", session.experiment().profile());
        run.put("folder", session.run().folder().toString());
        run.put("datasetContentHash", session.state().datasetHash());
        run.put("seed", session.experiment().seed());
        return run;
    }

    private static String caseLabel(int index) {
        return String.format(Locale.ROOT, "case-%02d", index + 1);
    }

    private static String targetText(INDArray weights, List<String> labels) {
        List<String> parts = new ArrayList<>();
        for (int j = 0; j < labels.size(); j++) {
            double weight = weights.getDouble(j);
            if (weight != 0) {
                parts.add(weight == 1 ? labels.get(j) : labels.get(j) + "*" + MetricTables.number(weight));
            }
        }
        return parts.isEmpty() ? "none" : String.join("+", parts);
    }

    private static double[] perImageArray(SaliencyResult result, String key) {
        return result.details().get(key) instanceof double[] values
                        && values.length == result.maps().size(0)
                ? values
                : null;
    }

    private static double perImage(SaliencyResult result, String key, int image) {
        double[] values = perImageArray(result, key);
        return values == null ? Double.NaN : values[image];
    }

    /** Returns the details of one image: per-image arrays by their value for it, other details as they are. */
    private static Map<String, Object> imageDetails(SaliencyResult result, int image) {
        Map<String, Object> details = new TreeMap<>();
        result.details().forEach((key, value) -> {
            double[] values = perImageArray(result, key);
            details.put(key, values == null ? value : values[image]);
        });
        return details;
    }

    private static double maxAbsolute(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
