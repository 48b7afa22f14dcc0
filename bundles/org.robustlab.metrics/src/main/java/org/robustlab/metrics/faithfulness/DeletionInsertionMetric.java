package org.robustlab.metrics.faithfulness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.metric.EvaluationInput;
import org.robustlab.core.metric.EvaluationMetric;
import org.robustlab.core.metric.MetricResult;
import org.robustlab.core.metric.MetricValue;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.metrics.ImageScores;

/**
 * Deletion and insertion curves (Petsiuk, Das and Saenko, "RISE: Randomized Input Sampling for Explanation of
 * Black-box Models", BMVC 2018). Pixels are taken in order of decreasing saliency. The deletion curve replaces the
 * first fraction {@code f} of them, in every channel, by the deletion baseline and records the target score; the
 * insertion curve starts from the insertion baseline and puts the first fraction {@code f} of the original pixels
 * back. Fractions run from 0 to 1 in equal steps.
 *
 * <p>The score is the target's class weights times the head's probabilities (or times the logits). Each curve is
 * summarised by its area under the curve by the trapezoid rule over the removed or inserted fraction on [0, 1]:
 * {@code deletion-auc}, where <em>lower is better</em> (the score falls fast when the salient pixels go), and
 * {@code insertion-auc}, where <em>higher is better</em>. A map without contrast gives no order; its image is left
 * out. Per model and method: the mean AUC over images with a bootstrap interval, paired Wilcoxon tests between
 * models, and the mean curves {@code deletion/<model>/<method>} and {@code insertion/<model>/<method>}.
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "deletion-insertion",
        label = "Deletion and insertion",
        description = "Area under the deletion curve (lower is better) and the insertion curve (higher is better),"
                + " trapezoid rule on [0, 1], with stated baselines.")
public final class DeletionInsertionMetric implements EvaluationMetric<DeletionInsertionMetric.Parameters> {

    /** The quantity that the curves record. */
    public enum Score {
        /** The class weights times the head's probabilities (softmax or sigmoid). */
        PROBABILITY,
        /** The class weights times the logits. */
        LOGIT
    }

    /**
     * Parameters of the deletion and insertion metric.
     *
     * @param steps number of equal steps from fraction 0 to 1; the curves have steps + 1 points
     * @param deletionBaseline what replaces deleted pixels
     * @param insertionBaseline the image that insertion starts from
     * @param score what the curves record
     * @param postprocessing applied to each map before ordering the pixels
     * @param batchSize largest number of images per model pass
     * @param bootstrapReplicates resamples of the images for the intervals; 0 turns them off
     * @param confidenceLevel the coverage of the intervals
     */
    public record Parameters(
            @Parameter(description = "Equal steps from fraction 0 to 1", min = 1, max = 10_000)
            int steps,

            @Parameter(description = "What replaces deleted pixels")
            Baseline deletionBaseline,

            @Parameter(description = "Image that insertion starts from")
            Baseline insertionBaseline,

            @Parameter(description = "What the curves record")
            Score score,

            @Parameter(description = "Post-processing of each map before the pixels are ordered")
            SaliencyPostprocessing postprocessing,

            @Parameter(description = "Largest number of images per model pass", min = 1)
            int batchSize,

            @Parameter(description = "Bootstrap resamples of the images; 0 turns intervals off", min = 0)
            int bootstrapReplicates,

            @Parameter(description = "Coverage of the intervals", min = 0.5, max = 0.999)
            double confidenceLevel) {

        public Parameters {
            if (steps < 1 || batchSize < 1 || bootstrapReplicates < 0) {
                throw new IllegalArgumentException("steps and batchSize must be >= 1 and bootstrapReplicates >= 0,"
                        + " got " + steps + ", " + batchSize + ", " + bootstrapReplicates);
            }
            Objects.requireNonNull(deletionBaseline, "deletionBaseline");
            Objects.requireNonNull(insertionBaseline, "insertionBaseline");
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(postprocessing, "postprocessing");
        }
    }

    static final String ID = "deletion-insertion";

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(
                20,
                Baseline.ZERO,
                Baseline.blur(5),
                Score.PROBABILITY,
                new SaliencyPostprocessing(true, 0, false),
                32,
                1000,
                0.95);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.MODELS, EvaluationInput.Requirement.SALIENCY);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<MetricValue> values = new ArrayList<>();
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (String method : input.saliencyMethodNames()) {
            Map<String, double[]> deletion = new LinkedHashMap<>();
            Map<String, double[]> insertion = new LinkedHashMap<>();
            for (String model : input.modelNames()) {
                PerturbationCurves result = PerturbationCurves.compute(input, model, method, parameters);
                deletion.put(model, result.deletionAreas());
                insertion.put(model, result.insertionAreas());
                Map<String, Object> attributes = Map.of("method", method);
                values.add(ImageScores.summary(
                        ID,
                        "deletion-auc",
                        model,
                        result.deletionAreas(),
                        parameters.bootstrapReplicates(),
                        parameters.confidenceLevel(),
                        input.seed(),
                        attributes));
                values.add(ImageScores.summary(
                        ID,
                        "insertion-auc",
                        model,
                        result.insertionAreas(),
                        parameters.bootstrapReplicates(),
                        parameters.confidenceLevel(),
                        input.seed(),
                        attributes));
                curves.put("deletion/" + model + "/" + method, result.meanDeletionCurve());
                curves.put("insertion/" + model + "/" + method, result.meanInsertionCurve());
                monitor.worked(1);
            }
            values.addAll(ImageScores.pairedTests(ID, "deletion-auc", deletion, Map.of("method", method)));
            values.addAll(ImageScores.pairedTests(ID, "insertion-auc", insertion, Map.of("method", method)));
        }
        List<String> notes = List.of(
                "deletion-auc: lower is better; insertion-auc: higher is better. Both are areas under the curve by"
                        + " the trapezoid rule over the fraction of pixels removed or inserted, on [0, 1].",
                "Deleted pixels become " + describe(parameters.deletionBaseline()) + "; insertion starts from "
                        + describe(parameters.insertionBaseline()) + ". Score: " + parameters.score() + ".",
                "Images whose map has no contrast are left out (attribute undefined).");
        return new MetricResult(ID, ParameterBinder.toMap(parameters), values, curves, notes);
    }

    private static String describe(Baseline baseline) {
        return switch (baseline.kind()) {
            case CONSTANT -> "the constant " + baseline.value();
            case MEAN -> "the image's mean per channel";
            case BLUR -> "the image blurred with a Gaussian of sigma " + baseline.blurSigma() + " pixels";
        };
    }
}
