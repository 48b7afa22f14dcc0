package org.robustlab.metrics.sanity;

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
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.metrics.ImageScores;
import org.robustlab.metrics.MapArrays;

/**
 * Similarity of the saliency maps of every two models, per method: Spearman's rank correlation and SSIM of the
 * post-processed maps of each image, averaged over images with a bootstrap interval. Values {@code spearman} and
 * {@code ssim} have model {@code A vs B} and the attribute {@code method}. Maps without contrast are left out.
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "map-similarity",
        label = "Saliency map similarity",
        description = "Spearman rank correlation and SSIM between the saliency maps of every two models.")
public final class MapSimilarityMetric implements EvaluationMetric<MapSimilarityMetric.Parameters> {

    /**
     * Parameters of the map similarity metric.
     *
     * @param postprocessing applied to each map before comparing; SSIM assumes values in [0, 1]
     * @param bootstrapReplicates resamples of the images for the intervals; 0 turns them off
     * @param confidenceLevel the coverage of the intervals
     */
    public record Parameters(
            @Parameter(description = "Post-processing of each map; SSIM assumes values in [0, 1]")
            SaliencyPostprocessing postprocessing,

            @Parameter(description = "Bootstrap resamples of the images; 0 turns intervals off", min = 0)
            int bootstrapReplicates,

            @Parameter(description = "Coverage of the intervals", min = 0.5, max = 0.999)
            double confidenceLevel) {

        public Parameters {
            java.util.Objects.requireNonNull(postprocessing, "postprocessing");
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(new SaliencyPostprocessing(true, 0, true), 1000, 0.95);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.SALIENCY);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<MetricValue> values = new ArrayList<>();
        List<String> models = input.modelNames();
        for (String method : input.saliencyMethodNames()) {
            for (int a = 0; a < models.size(); a++) {
                for (int b = a + 1; b < models.size(); b++) {
                    double[][] scores = MapSimilarity.compare(
                            MapArrays.of(input.saliency(models.get(a), method), parameters.postprocessing()),
                            MapArrays.of(input.saliency(models.get(b), method), parameters.postprocessing()));
                    String pair = models.get(a) + " vs " + models.get(b);
                    for (int s = 0; s < 2; s++) {
                        values.add(ImageScores.summary(
                                "map-similarity",
                                s == 0 ? "spearman" : "ssim",
                                pair,
                                scores[s],
                                parameters.bootstrapReplicates(),
                                parameters.confidenceLevel(),
                                input.seed(),
                                Map.of("method", method)));
                    }
                }
            }
            monitor.worked(1);
        }
        return new MetricResult(
                "map-similarity",
                ParameterBinder.toMap(parameters),
                values,
                Map.of(),
                List.of("Spearman in [-1, 1] and SSIM in [-1, 1]; 1 means identical maps up to the post-processing."));
    }
}
