package org.robustlab.metrics.localization;

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
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.parameter.ParameterBinder;
import org.robustlab.core.saliency.SaliencyPostprocessing;
import org.robustlab.metrics.ImageScores;
import org.robustlab.metrics.MapArrays;

/**
 * How well saliency maps point at the ground-truth regions (masks, or boxes with inclusive edges):
 * <ul>
 *   <li>{@code pointing-game}: 1 when the map's maximum (the first in row-major order) lies in the region, else 0
 *       (Zhang et al., "Top-down Neural Attention by Excitation Backprop", ECCV 2016); a map without contrast
 *       scores 0;</li>
 *   <li>{@code energy-in-region}: the share of the map's positive mass inside the region; undefined for a map
 *       without positive values;</li>
 *   <li>{@code top-k-iou}: intersection over union of the region and the top {@code topFraction} of pixels by
 *       value; undefined for a map without contrast.</li>
 * </ul>
 * Maps are post-processed first (by default the absolute value). Higher is better for all three. Per model and
 * method the result contains the mean over images with a bootstrap interval, and a paired Wilcoxon signed-rank test
 * between every two models; images without a region are left out. The attribute {@code method} names the saliency
 * method.
 */
@Component(service = EvaluationMetric.class)
@ContributionMetadata(
        id = "localization",
        label = "Saliency localization",
        description = "Pointing game, energy inside the region and top-k IoU of saliency maps against masks or boxes,"
                + " with bootstrap intervals and paired Wilcoxon tests between models.")
public final class LocalizationMetric implements EvaluationMetric<LocalizationMetric.Parameters> {

    /**
     * Parameters of the localization metric.
     *
     * @param topFraction the share of pixels, by value, that forms the predicted region of {@code top-k-iou}
     * @param postprocessing applied to each map before scoring
     * @param bootstrapReplicates resamples of the images for the intervals; 0 turns them off
     * @param confidenceLevel the coverage of the intervals
     */
    public record Parameters(
            @Parameter(description = "Share of pixels in the predicted region of top-k IoU", min = 0, max = 1)
            double topFraction,

            @Parameter(description = "Post-processing applied to each map before scoring")
            SaliencyPostprocessing postprocessing,

            @Parameter(description = "Bootstrap resamples of the images; 0 turns intervals off", min = 0)
            int bootstrapReplicates,

            @Parameter(description = "Coverage of the intervals", min = 0.5, max = 0.999)
            double confidenceLevel) {

        public Parameters {
            if (!(topFraction > 0 && topFraction <= 1)) {
                throw new IllegalArgumentException("topFraction must be in (0, 1], got " + topFraction);
            }
            java.util.Objects.requireNonNull(postprocessing, "postprocessing");
            if (bootstrapReplicates < 0) {
                throw new IllegalArgumentException("bootstrapReplicates must be >= 0, got " + bootstrapReplicates);
            }
        }
    }

    private static final String ID = "localization";

    private static final List<String> MEASURES = List.of("pointing-game", "energy-in-region", "top-k-iou");

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(0.1, new SaliencyPostprocessing(true, 0, false), 1000, 0.95);
    }

    @Override
    public Set<EvaluationInput.Requirement> requirements() {
        return Set.of(EvaluationInput.Requirement.SALIENCY, EvaluationInput.Requirement.REGIONS);
    }

    @Override
    public MetricResult evaluate(EvaluationInput input, Parameters parameters, IProgressMonitor monitor) {
        List<MetricValue> values = new ArrayList<>();
        for (String method : input.saliencyMethodNames()) {
            Map<String, Map<String, double[]>> byMeasure = new LinkedHashMap<>();
            for (String model : input.modelNames()) {
                double[][] scores = score(input, model, method, parameters);
                for (int m = 0; m < MEASURES.size(); m++) {
                    byMeasure
                            .computeIfAbsent(MEASURES.get(m), key -> new LinkedHashMap<>())
                            .put(model, scores[m]);
                    values.add(ImageScores.summary(
                            ID,
                            MEASURES.get(m),
                            model,
                            scores[m],
                            parameters.bootstrapReplicates(),
                            parameters.confidenceLevel(),
                            input.seed(),
                            Map.of("method", method)));
                }
                monitor.worked(1);
            }
            byMeasure.forEach((measure, scoresByModel) ->
                    values.addAll(ImageScores.pairedTests(ID, measure, scoresByModel, Map.of("method", method))));
        }
        return new MetricResult(
                ID,
                ParameterBinder.toMap(parameters),
                values,
                Map.of(),
                List.of(
                        "Higher is better for pointing-game, energy-in-region and top-k-iou. Box edges are inclusive.",
                        "A map without contrast scores 0 in the pointing game and is left out of the other two"
                                + " measures; images without a region are left out."));
    }

    /** Returns per measure (pointing, energy, IoU) the score of every image; NaN where undefined. */
    static double[][] score(EvaluationInput input, String model, String method, Parameters parameters) {
        MapArrays maps = MapArrays.of(input.saliency(model, method), parameters.postprocessing());
        int count = maps.maps().length;
        boolean[][] regions = Regions.of(input, count, maps.height(), maps.width());
        double[][] scores = new double[3][count];
        for (int i = 0; i < count; i++) {
            double[] map = maps.maps()[i];
            if (Regions.isEmpty(regions[i])) {
                scores[0][i] = scores[1][i] = scores[2][i] = Double.NaN;
                continue;
            }
            scores[0][i] = pointing(map, regions[i]);
            scores[1][i] = energy(map, regions[i]);
            scores[2][i] = topIou(map, regions[i], parameters.topFraction());
        }
        return scores;
    }

    static double pointing(double[] map, boolean[] region) {
        if (MapArrays.isEmpty(map)) {
            return 0;
        }
        int best = 0;
        for (int p = 1; p < map.length; p++) {
            if (map[p] > map[best]) {
                best = p;
            }
        }
        return region[best] ? 1 : 0;
    }

    static double energy(double[] map, boolean[] region) {
        double inside = 0;
        double total = 0;
        for (int p = 0; p < map.length; p++) {
            double positive = Math.max(0, map[p]);
            total += positive;
            inside += region[p] ? positive : 0;
        }
        return total > 0 ? inside / total : Double.NaN;
    }

    static double topIou(double[] map, boolean[] region, double fraction) {
        if (MapArrays.isEmpty(map)) {
            return Double.NaN;
        }
        int k = (int) Math.ceil(fraction * map.length);
        int[] order = MapArrays.descendingOrder(map);
        boolean[] top = new boolean[map.length];
        for (int j = 0; j < k; j++) {
            top[order[j]] = true;
        }
        int intersection = 0;
        int union = 0;
        for (int p = 0; p < map.length; p++) {
            intersection += top[p] && region[p] ? 1 : 0;
            union += top[p] || region[p] ? 1 : 0;
        }
        return (double) intersection / union;
    }
}
