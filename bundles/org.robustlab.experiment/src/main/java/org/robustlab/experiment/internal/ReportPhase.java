package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.robustlab.core.event.RunEvent;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.experiment.Claim;
import org.robustlab.experiment.ModelSection;
import org.robustlab.experiment.store.MetricPoint;
import org.robustlab.experiment.store.RunStore;
import org.robustlab.experiment.store.StoredRun;

/**
 * Writes what a reader of the run looks at: the claims table, the metric values as MLflow metrics of the model
 * runs, the saliency images and the self-contained HTML report {@code report.html}.
 */
final class ReportPhase {

    static final String REPORT = "report.html";

    private static final List<String> HISTORY_KEYS =
            List.of("train/loss", "validation/loss", "train/clean-accuracy", "train/adversarial-accuracy");

    private final RunSession session;

    private final LoadedData data;

    private final TrainingPhase training;

    ReportPhase(RunSession session, LoadedData data, TrainingPhase training) {
        this.session = session;
        this.data = data;
        this.training = training;
    }

    /** Writes the report and returns its path with the claims. */
    Map.Entry<Path, List<Claim>> write(EvaluationResults results, ModelFactory factory, String engine)
            throws IOException {
        session.event(RunEvent.Kind.PHASE_STARTED, "write the report", RunProgress.evaluation(0.95));
        String baseline = session.experiment().baseline().name();
        List<Claim> claims = new ClaimsTable(results.metrics(), baseline)
                .claims(session.experiment().models(), factory::normalization);
        Map<String, Map<String, List<MetricPoint>>> histories = new LinkedHashMap<>();
        for (ModelSection model : session.experiment().models()) {
            StoredRun run = training.modelRun(model);
            Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
            HISTORY_KEYS.forEach(key -> metrics.put(key, run.metric(key)));
            histories.put(model.name(), metrics);
            logResults(run, model.name(), results);
        }
        List<SaliencyGridWriter.Cell> cells = results.saliency() == null
                ? List.of()
                : new SaliencyGridWriter(session.run().artifacts().resolve("saliency"))
                        .write(
                                results.saliency(),
                                session.experiment().evaluation().settings().gridCases());
        ReportInput input = new ReportInput(
                session.experiment(),
                session.run().runId(),
                engine,
                data,
                results,
                claims,
                histories,
                cells,
                YamlText.toYaml(session.experiment().effectiveConfiguration()),
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC)));
        Path report = session.run().artifacts().resolve(REPORT);
        YamlText.write(report, new ReportWriter(input).write());
        return Map.entry(report, claims);
    }

    /** Logs a model's metric values on its run: clean and saliency values at step 0, attacked ones per budget. */
    private static void logResults(StoredRun run, String model, EvaluationResults results) {
        Map<String, Integer> steps = new LinkedHashMap<>();
        for (MetricTables.Row row : MetricTables.rows(results.metrics())) {
            MetricValue value = row.value();
            if (!value.model().equals(model) || !Double.isFinite(value.value())) {
                continue;
            }
            String key = RunStore.sanitizeKey(row.condition()
                    + (row.attack().isEmpty() ? "" : "/" + row.attack())
                    + "/" + value.metric() + "/" + value.name() + "/" + value.label());
            int step = row.condition().equals(MetricRecord.ATTACK) ? steps.merge(key, 1, Integer::sum) - 1 : 0;
            if (run.metric(key).size() <= step) {
                run.logMetric(key, value.value(), step);
            }
        }
    }
}
