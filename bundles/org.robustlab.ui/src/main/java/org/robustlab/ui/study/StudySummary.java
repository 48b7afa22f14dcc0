package org.robustlab.ui.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.robustlab.metrics.statistics.WilcoxonSignedRank;

/**
 * The summary of a reader study: mean rating per model, a paired Wilcoxon signed-rank test between every two
 * models and Fleiss' kappa over the items every reader rated.
 *
 * @param meanRating mean rating per model over all readers and items
 * @param comparisons one paired test per pair of models
 * @param fleissKappa agreement of the readers over the items all of them rated; NaN with fewer than 2 readers
 * @param commonItems how many items every reader rated
 */
public record StudySummary(
        Map<String, Double> meanRating, List<Comparison> comparisons, double fleissKappa, int commonItems) {

    /**
     * A paired comparison of two models. The pairs are (method, image) cells rated for both models, each cell's
     * rating averaged over the readers who rated both.
     *
     * @param first the first model
     * @param second the second model
     * @param pairs the number of paired cells
     * @param test the Wilcoxon signed-rank test of the differences first minus second
     */
    public record Comparison(String first, String second, int pairs, WilcoxonSignedRank test) {}

    /** Summarises the ratings of every reader in {@code store}. */
    public static StudySummary of(RatingStore store, List<String> models) {
        Map<String, Map<String, Integer>> byReader = new TreeMap<>();
        for (String reader : store.readers()) {
            byReader.put(reader, store.ratings(reader));
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (String model : models) {
            double sum = 0;
            int count = 0;
            for (Map<String, Integer> ratings : byReader.values()) {
                for (var entry : ratings.entrySet()) {
                    if (entry.getKey().startsWith(model + "|")) {
                        sum += entry.getValue();
                        count++;
                    }
                }
            }
            means.put(model, count == 0 ? Double.NaN : sum / count);
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (int a = 0; a < models.size(); a++) {
            for (int b = a + 1; b < models.size(); b++) {
                comparisons.add(compare(byReader, models.get(a), models.get(b)));
            }
        }
        int[][] counts = commonCounts(byReader);
        double kappa = byReader.size() < 2 || counts.length == 0 ? Double.NaN : Agreement.fleissKappa(counts);
        return new StudySummary(means, comparisons, kappa, counts.length);
    }

    private static Comparison compare(Map<String, Map<String, Integer>> byReader, String first, String second) {
        Map<String, double[]> cells = new TreeMap<>();
        for (Map<String, Integer> ratings : byReader.values()) {
            ratings.forEach((key, rating) -> {
                if (key.startsWith(first + "|")) {
                    String cell = key.substring(first.length() + 1);
                    Integer other = ratings.get(second + "|" + cell);
                    if (other != null) {
                        double[] sum = cells.computeIfAbsent(cell, ignored -> new double[2]);
                        sum[0] += rating - other;
                        sum[1]++;
                    }
                }
            });
        }
        double[] differences =
                cells.values().stream().mapToDouble(sum -> sum[0] / sum[1]).toArray();
        return new Comparison(first, second, differences.length, WilcoxonSignedRank.test(differences));
    }

    /** Returns per item that every reader rated the number of readers per rating 1 to 5. */
    private static int[][] commonCounts(Map<String, Map<String, Integer>> byReader) {
        if (byReader.isEmpty()) {
            return new int[0][];
        }
        List<String> common =
                new ArrayList<>(byReader.values().iterator().next().keySet());
        byReader.values().forEach(ratings -> common.retainAll(ratings.keySet()));
        int[][] counts = new int[common.size()][RatingStore.MAX_RATING];
        for (int i = 0; i < common.size(); i++) {
            for (Map<String, Integer> ratings : byReader.values()) {
                counts[i][ratings.get(common.get(i)) - 1]++;
            }
        }
        return counts;
    }
}
