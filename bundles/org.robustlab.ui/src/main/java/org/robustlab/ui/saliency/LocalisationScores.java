package org.robustlab.ui.saliency;

/**
 * Localisation scores of one saliency map against one ground-truth mask, with the definitions of the
 * {@code localization} metric of org.robustlab.metrics, applied to the absolute value of the map.
 */
public final class LocalisationScores {

    private LocalisationScores() {}

    /**
     * Returns the share of the map's absolute mass inside the mask ("energy in region"), or NaN when the map is
     * zero everywhere.
     */
    public static double energyInRegion(float[] map, float[] mask) {
        checkLengths(map, mask);
        double inside = 0;
        double total = 0;
        for (int i = 0; i < map.length; i++) {
            double value = Math.abs(map[i]);
            total += value;
            if (mask[i] > 0.5f) {
                inside += value;
            }
        }
        return total > 0 ? inside / total : Double.NaN;
    }

    /**
     * Returns 1 when the maximum of the map's absolute value (the first in row-major order) lies inside the mask,
     * else 0; a map without contrast scores 0 (pointing game of Zhang et al., ECCV 2016).
     */
    public static double pointingGame(float[] map, float[] mask) {
        checkLengths(map, mask);
        int best = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < map.length; i++) {
            double value = Math.abs(map[i]);
            min = Math.min(min, value);
            if (value > Math.abs(map[best])) {
                best = i;
            }
        }
        if (Math.abs(map[best]) <= min) {
            return 0;
        }
        return mask[best] > 0.5f ? 1 : 0;
    }

    private static void checkLengths(float[] map, float[] mask) {
        if (map.length != mask.length || map.length == 0) {
            throw new IllegalArgumentException(
                    "Map and mask must have the same, non-zero size, got " + map.length + " and " + mask.length);
        }
    }
}
