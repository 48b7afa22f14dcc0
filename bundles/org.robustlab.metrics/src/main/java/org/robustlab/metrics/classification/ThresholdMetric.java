package org.robustlab.metrics.classification;

import java.util.ArrayList;
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
import org.robustlab.core.model.Head;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.metrics.LabelColumns;
import org.robustlab.metrics.statistics.Proportions;

/**
 * Accuracy, sensitivity and specificity of hard decisions, each with a Wilson score interval.
 *
 * <p>For a sigmoid head, label {@code l} is predicted positive when its probability is at least the threshold, and
 * every label is scored on its own. For a softmax head the prediction is the class of highest probability: {@code
 * accuracy} is reported over all images (label {@code all}), and sensitivity and specificity per class one versus
 * the rest; the threshold is unused. Samples whose label is NaN or masked out do not count. Attributes: {@code tp},
 * {@code fp}, {@code tn}, {@code fn}.
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "threshold-classification",
        label = "Accuracy, sensitivity, specificity",
        description = "Accuracy, sensitivity and specificity at a probability threshold (sigmoid) or of the arg-max"
                + " class (softmax), with Wilson intervals.")
public final class ThresholdMetric implements EvaluationMetric<ThresholdMetric.Parameters> {

    /**
     * Parameters of the threshold metric.
     *
     * @param threshold the probability at or above which a label counts as predicted positive (sigmoid heads)
     * @param confidenceLevel the coverage of the intervals
     */
    public record Parameters(
            @Parameter(description = "Probability at or above which a label is predicted positive", min = 0, max = 1)
            double threshold,

            @Parameter(description = "Coverage of the intervals", min = 0.5, max = 0.999)
            double confidenceLevel) {

        public Parameters {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
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
        return new Parameters(0.5, 0.95);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.PREDICTIONS);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<MetricValue> values = new ArrayList<>();
        List<LabelColumns> columns = LabelColumns.of(input);
        for (String model : input.modelNames()) {
            double[][] scores = LabelColumns.rows(input.scores(model));
            if (input.head() == Head.SOFTMAX) {
                values.add(softmaxAccuracy(model, scores, LabelColumns.rows(input.labels()), parameters));
            }
            for (LabelColumns column : columns) {
                long[] counts = counts(input.head(), column, scores, parameters.threshold());
                String label = input.labelNames().get(column.label());
                if (input.head() == Head.SIGMOID) {
                    values.add(rate(model, label, "accuracy", counts[0] + counts[2], counts, parameters));
                }
                values.add(rate(model, label, "sensitivity", counts[0], counts, parameters));
                values.add(rate(model, label, "specificity", counts[2], counts, parameters));
            }
            monitor.worked(1);
        }
        String decision = input.head() == Head.SIGMOID
                ? "a label is predicted positive when its probability is >= " + parameters.threshold()
                : "the prediction is the class of highest probability; the threshold is unused";
        return new MetricResult(
                "threshold-classification",
                ParameterBinder.toMap(parameters),
                values,
                Map.of(),
                List.of("Decision: " + decision + ". Higher is better for every value; intervals are Wilson score"
                        + " intervals."));
    }

    /** Returns {tp, fp, tn, fn} of one label. */
    private static long[] counts(Head head, LabelColumns column, double[][] scores, double threshold) {
        long[] counts = new long[4];
        for (int k = 0; k < column.indices().length; k++) {
            double[] row = scores[column.indices()[k]];
            boolean predicted = head == Head.SIGMOID ? row[column.label()] >= threshold : argMax(row) == column.label();
            boolean actual = column.positive()[k];
            if (actual && predicted) {
                counts[0]++;
            } else if (predicted) {
                counts[1]++;
            } else if (actual) {
                counts[3]++;
            } else {
                counts[2]++;
            }
        }
        return counts;
    }

    private static MetricValue rate(
            String model, String label, String name, long successes, long[] counts, Parameters parameters) {
        long trials =
                switch (name) {
                    case "sensitivity" -> counts[0] + counts[3];
                    case "specificity" -> counts[1] + counts[2];
                    default -> counts[0] + counts[1] + counts[2] + counts[3];
                };
        double[] interval = Proportions.wilson(successes, trials, parameters.confidenceLevel());
        double value = trials == 0 ? Double.NaN : (double) successes / trials;
        Map<String, Object> attributes = Map.of("tp", counts[0], "fp", counts[1], "tn", counts[2], "fn", counts[3]);
        return new MetricValue(
                "threshold-classification", name, model, label, value, interval[0], interval[1], attributes);
    }

    private static MetricValue softmaxAccuracy(String model, double[][] scores, double[][] labels, Parameters p) {
        long correct = 0;
        for (int i = 0; i < scores.length; i++) {
            correct += argMax(scores[i]) == argMax(labels[i]) ? 1 : 0;
        }
        double[] interval = Proportions.wilson(correct, scores.length, p.confidenceLevel());
        return new MetricValue(
                "threshold-classification",
                "accuracy",
                model,
                "all",
                (double) correct / scores.length,
                interval[0],
                interval[1],
                Map.of("correct", correct, "n", scores.length));
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
