package org.robustlab.experiment.internal;

import java.util.List;
import java.util.Map;

import org.robustlab.experiment.Claim;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.store.MetricPoint;

/**
 * Everything the HTML report shows.
 *
 * @param experiment the experiment
 * @param runId the run id
 * @param engine the engine's library, version and device
 * @param data the dataset and its splits
 * @param results the evaluation results
 * @param claims the claims table
 * @param histories per model, the logged training metrics by key
 * @param cells the saliency grid cells, in row order
 * @param effectiveYaml the effective configuration as YAML
 * @param generatedAt when the report was written, ISO-8601
 */
record ReportInput(
        Experiment experiment,
        String runId,
        String engine,
        LoadedData data,
        EvaluationResults results,
        List<Claim> claims,
        Map<String, Map<String, List<MetricPoint>>> histories,
        List<SaliencyGridWriter.Cell> cells,
        String effectiveYaml,
        String generatedAt) {}
