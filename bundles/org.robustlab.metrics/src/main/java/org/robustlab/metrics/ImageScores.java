package org.robustlab.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.robustlab.core.metric.MetricValue;
import org.robustlab.metrics.statistics.Bootstrap;
import org.robustlab.metrics.statistics.WilcoxonSignedRank;

/**
 * Summaries of per-image scores: the mean over the images with a defined score, a percentile bootstrap interval
 * over images, and paired Wilcoxon signed-rank tests between models on the images that both score.
 */
public final class ImageScores {

    private ImageScores() {}

    /**
     * Returns the mean of the finite scores with its bootstrap interval; NaN scores (undefined for that image) are
     * left out and counted in the attribute {@code undefined}.
     *
     * @param attributes further attributes, for example the saliency method
     */
    public static MetricValue summary(
            String metric,
            String name,
            String model,
            double[] scores,
            int replicates,
            double level,
            long seed,
            Map<String, Object> attributes) {
        double[] finite = Arrays.stream(scores).filter(Double::isFinite).toArray();
        double mean = finite.length == 0
                ? Double.NaN
                : Arrays.stream(finite).average().orElseThrow();
        double[] interval = {Double.NaN, Double.NaN};
        if (replicates > 0 && finite.length > 1) {
            double[] values = Bootstrap.replicates(finite.length, null, replicates, seed, indices -> {
                double sum = 0;
                for (int index : indices) {
                    sum += finite[index];
                }
                return sum / indices.length;
            });
            interval = Bootstrap.percentileInterval(values, level);
        }
        Map<String, Object> all = new LinkedHashMap<>(attributes);
        all.put("n", finite.length);
        all.put("undefined", scores.length - finite.length);
        return new MetricValue(metric, name, model, "all", mean, interval[0], interval[1], all);
    }

    /**
     * Returns a Wilcoxon signed-rank test for every two models, on the images where both scores are finite: the
     * value is the mean difference (first minus second), with attributes {@code p-value}, {@code n} and {@code
     * exact}.
     */
    public static List<MetricValue> pairedTests(
            String metric, String name, Map<String, double[]> scoresByModel, Map<String, Object> attributes) {
        List<MetricValue> values = new ArrayList<>();
        List<String> models = new ArrayList<>(scoresByModel.keySet());
        for (int a = 0; a < models.size(); a++) {
            for (int b = a + 1; b < models.size(); b++) {
                double[] first = scoresByModel.get(models.get(a));
                double[] second = scoresByModel.get(models.get(b));
                List<Double> differences = new ArrayList<>();
                for (int i = 0; i < first.length; i++) {
                    if (Double.isFinite(first[i]) && Double.isFinite(second[i])) {
                        differences.add(first[i] - second[i]);
                    }
                }
                double[] d =
                        differences.stream().mapToDouble(Double::doubleValue).toArray();
                WilcoxonSignedRank test = WilcoxonSignedRank.test(d);
                Map<String, Object> all = new LinkedHashMap<>(attributes);
                all.put("p-value", test.pValue());
                all.put("n", d.length);
                all.put("exact", test.exact());
                double mean =
                        d.length == 0 ? Double.NaN : Arrays.stream(d).average().orElseThrow();
                values.add(new MetricValue(
                        metric,
                        name + "-wilcoxon",
                        models.get(a) + " vs " + models.get(b),
                        "all",
                        mean,
                        Double.NaN,
                        Double.NaN,
                        all));
            }
        }
        return values;
    }
}
