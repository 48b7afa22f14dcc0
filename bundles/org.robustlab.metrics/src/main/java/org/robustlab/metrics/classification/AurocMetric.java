package org.robustlab.metrics.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.metrics.LabelColumns;
import org.robustlab.metrics.statistics.Auroc;
import org.robustlab.metrics.statistics.Bootstrap;
import org.robustlab.metrics.statistics.DeLongComparison;

/**
 * Per-label AUROC of every model with a stratified percentile bootstrap interval, DeLong's variance and interval,
 * the mean over labels, and a paired DeLong test between every two models per label.
 *
 * <p>For a softmax head each class is scored one-vs-rest on its probability. Samples whose label is NaN or masked
 * out do not count for that label. A label without positive or without negative samples has AUROC NaN and a note.
 * Values: {@code auroc} (per model and label, bootstrap interval, attributes {@code delong-lower}, {@code
 * delong-upper}, {@code variance}, {@code n}, {@code positives}), {@code mean-auroc} (label {@code all}, bootstrap
 * interval over samples) and {@code delong} (model {@code A vs B}, the difference A - B with DeLong's interval and
 * attributes {@code z} and {@code p-value}). Curves {@code roc/<model>/<label>}: (false positive rate, true
 * positive rate).
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "auroc",
        label = "AUROC",
        description = "Per-label AUROC with bootstrap and DeLong intervals, mean over labels, and paired DeLong"
                + " tests between models.")
public final class AurocMetric implements EvaluationMetric<AurocMetric.Parameters> {

    /** Name of the per-label value. */
    public static final String AUROC = "auroc";

    /**
     * Parameters of the AUROC metric.
     *
     * @param bootstrapReplicates number of bootstrap resamples for the intervals; 0 turns the bootstrap off
     * @param confidenceLevel the coverage of every interval
     * @param pairedTests whether to compare every two models with DeLong's test
     */
    public record Parameters(
            @org.robustlab.core.parameter.Parameter(
                    description = "Bootstrap resamples for the confidence intervals; 0 turns them off",
                    min = 0,
                    max = 1_000_000)
            int bootstrapReplicates,

            @org.robustlab.core.parameter.Parameter(description = "Coverage of the intervals", min = 0.5, max = 0.999)
            double confidenceLevel,

            @org.robustlab.core.parameter.Parameter(description = "Compare every two models with DeLong's test")
            boolean pairedTests) {

        public Parameters {
            if (bootstrapReplicates < 0) {
                throw new IllegalArgumentException("bootstrapReplicates must be >= 0, got " + bootstrapReplicates);
            }
            if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
                throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
            }
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(2000, 0.95, true);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.PREDICTIONS);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<LabelColumns> columns = LabelColumns.of(input);
        List<MetricValue> values = new ArrayList<>();
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, Auroc[]> aurocs = new LinkedHashMap<>();
        for (String model : input.modelNames()) {
            double[][] scores = LabelColumns.rows(input.scores(model));
            Auroc[] perLabel = new Auroc[columns.size()];
            for (LabelColumns column : columns) {
                String label = input.labelNames().get(column.label());
                int positives = column.positives();
                if (positives == 0 || positives == column.indices().length) {
                    values.add(MetricValue.of(id(), AUROC, model, label, Double.NaN));
                    notes.add("Label " + label + " has " + positives + " positive and "
                            + (column.indices().length - positives) + " negative samples; its AUROC is undefined.");
                    continue;
                }
                double[] labelScores = column.scores(scores);
                perLabel[column.label()] = Auroc.of(labelScores, column.positive());
                values.add(labelValue(model, label, labelScores, column, perLabel[column.label()], parameters, input));
                curves.put("roc/" + model + "/" + label, RocCurve.points(labelScores, column.positive()));
            }
            aurocs.put(model, perLabel);
            values.add(meanValue(model, scores, columns, parameters, input.seed()));
            monitor.worked(1);
        }
        if (parameters.pairedTests()) {
            values.addAll(pairedTests(input, columns, aurocs, parameters));
        }
        notes.add("Higher AUROC is better; 0.5 is chance. Intervals: stratified percentile bootstrap with "
                + parameters.bootstrapReplicates() + " resamples; DeLong intervals in the attributes.");
        return new MetricResult(id(), ParameterBinder.toMap(parameters), values, curves, notes);
    }

    private static String id() {
        return "auroc";
    }

    private static MetricValue labelValue(
            String model,
            String label,
            double[] scores,
            LabelColumns column,
            Auroc auroc,
            Parameters parameters,
            EvaluationInput input) {
        double[] interval = {Double.NaN, Double.NaN};
        if (parameters.bootstrapReplicates() > 0) {
            boolean[] positive = column.positive();
            int[] strata = new int[positive.length];
            for (int i = 0; i < strata.length; i++) {
                strata[i] = positive[i] ? 1 : 0;
            }
            double[] replicates = Bootstrap.replicates(
                    scores.length, strata, parameters.bootstrapReplicates(), input.seed(), indices -> {
                        double[] s = new double[indices.length];
                        boolean[] p = new boolean[indices.length];
                        for (int k = 0; k < indices.length; k++) {
                            s[k] = scores[indices[k]];
                            p[k] = positive[indices[k]];
                        }
                        return Auroc.of(s, p).auroc();
                    });
            interval = Bootstrap.percentileInterval(replicates, parameters.confidenceLevel());
        }
        double standardError = Math.sqrt(auroc.variance());
        double z = new org.apache.commons.math3.distribution.NormalDistribution()
                .inverseCumulativeProbability(0.5 + parameters.confidenceLevel() / 2);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("delong-lower", Math.max(0, auroc.auroc() - z * standardError));
        attributes.put("delong-upper", Math.min(1, auroc.auroc() + z * standardError));
        attributes.put("variance", auroc.variance());
        attributes.put("n", scores.length);
        attributes.put("positives", column.positives());
        return new MetricValue(id(), AUROC, model, label, auroc.auroc(), interval[0], interval[1], attributes);
    }

    private static MetricValue meanValue(
            String model, double[][] scores, List<LabelColumns> columns, Parameters parameters, long seed) {
        double mean = meanAuroc(scores, columns, null);
        double[] interval = {Double.NaN, Double.NaN};
        if (parameters.bootstrapReplicates() > 0) {
            double[] replicates = Bootstrap.replicates(
                    scores.length,
                    null,
                    parameters.bootstrapReplicates(),
                    seed,
                    indices -> meanAuroc(scores, columns, indices));
            interval = Bootstrap.percentileInterval(replicates, parameters.confidenceLevel());
        }
        return new MetricValue(id(), "mean-auroc", model, "all", mean, interval[0], interval[1], Map.of());
    }

    /**
     * Returns the mean AUROC over the labels that have both classes, on the resampled rows {@code indices}
     * (all rows when null); NaN when a label that has both classes overall lacks one in the resample.
     */
    private static double meanAuroc(double[][] scores, List<LabelColumns> columns, int[] indices) {
        double sum = 0;
        int count = 0;
        for (LabelColumns column : columns) {
            int positives = column.positives();
            if (positives == 0 || positives == column.indices().length) {
                continue;
            }
            ResampledLabel sample = ResampledLabel.of(column, scores, indices);
            if (sample == null) {
                return Double.NaN;
            }
            sum += Auroc.of(sample.scores(), sample.positive()).auroc();
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static List<MetricValue> pairedTests(
            EvaluationInput input, List<LabelColumns> columns, Map<String, Auroc[]> aurocs, Parameters parameters) {
        List<MetricValue> values = new ArrayList<>();
        List<String> models = input.modelNames();
        for (int a = 0; a < models.size(); a++) {
            for (int b = a + 1; b < models.size(); b++) {
                for (LabelColumns column : columns) {
                    Auroc first = aurocs.get(models.get(a))[column.label()];
                    Auroc second = aurocs.get(models.get(b))[column.label()];
                    if (first == null || second == null) {
                        continue;
                    }
                    DeLongComparison test = DeLongComparison.compare(first, second);
                    double[] interval = test.interval(parameters.confidenceLevel());
                    Map<String, Object> attributes = Map.of("z", test.z(), "p-value", test.pValue());
                    values.add(new MetricValue(
                            id(),
                            "delong",
                            models.get(a) + " vs " + models.get(b),
                            input.labelNames().get(column.label()),
                            test.difference(),
                            interval[0],
                            interval[1],
                            attributes));
                }
            }
        }
        return values;
    }
}
