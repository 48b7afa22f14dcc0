package org.robustlab.metrics.sanity;

import org.robustlab.metrics.MapArrays;
import org.robustlab.metrics.statistics.Correlations;
import org.robustlab.metrics.statistics.Ssim;

/** Per-image similarity of two sets of post-processed maps: Spearman's rank correlation and SSIM. */
final class MapSimilarity {

    private MapSimilarity() {}

    /** Returns {spearman[], ssim[]} per image; NaN where a map has no contrast. */
    static double[][] compare(MapArrays first, MapArrays second) {
        int count = first.maps().length;
        if (second.maps().length != count || first.height() != second.height() || first.width() != second.width()) {
            throw new IllegalArgumentException("Maps differ in shape: " + count + " x " + first.height() + " x "
                    + first.width() + " and " + second.maps().length + " x " + second.height() + " x "
                    + second.width());
        }
        double[][] scores = new double[2][count];
        for (int i = 0; i < count; i++) {
            double[] a = first.maps()[i];
            double[] b = second.maps()[i];
            if (MapArrays.isEmpty(a) || MapArrays.isEmpty(b)) {
                scores[0][i] = Double.NaN;
                scores[1][i] = Double.NaN;
                continue;
            }
            scores[0][i] = Correlations.spearman(a, b);
            scores[1][i] = Ssim.mean(a, b, first.height(), first.width(), 1);
        }
        return scores;
    }
}
