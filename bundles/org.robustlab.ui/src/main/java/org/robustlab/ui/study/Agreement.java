package org.robustlab.ui.study;

/**
 * Agreement between readers on a categorical scale, corrected for chance.
 *
 * @see <a href="https://doi.org/10.1177/001316446002000104">Cohen, Educational and Psychological Measurement 20,
 *     37-46 (1960)</a>
 * @see <a href="https://doi.org/10.1037/h0031619">Fleiss, Psychological Bulletin 76, 378-382 (1971)</a>
 */
public final class Agreement {

    private Agreement() {}

    /**
     * Returns Cohen's kappa of two readers: {@code (po - pe) / (1 - pe)} with the observed agreement {@code po}
     * and the agreement {@code pe} expected from each reader's marginal frequencies.
     *
     * @param first ratings of the first reader, one per item
     * @param second ratings of the second reader for the same items
     * @param categories number of categories; ratings are 1 to {@code categories}
     * @return kappa, or NaN when chance agreement is 1 (both readers use one category only)
     */
    public static double cohenKappa(int[] first, int[] second, int categories) {
        if (first.length != second.length || first.length == 0) {
            throw new IllegalArgumentException("Need the same, non-zero number of ratings from both readers, got "
                    + first.length + " and " + second.length);
        }
        double[] marginalFirst = new double[categories];
        double[] marginalSecond = new double[categories];
        int agreed = 0;
        for (int i = 0; i < first.length; i++) {
            marginalFirst[check(first[i], categories) - 1]++;
            marginalSecond[check(second[i], categories) - 1]++;
            agreed += first[i] == second[i] ? 1 : 0;
        }
        double n = first.length;
        double observed = agreed / n;
        double expected = 0;
        for (int k = 0; k < categories; k++) {
            expected += marginalFirst[k] / n * (marginalSecond[k] / n);
        }
        return expected == 1 ? Double.NaN : (observed - expected) / (1 - expected);
    }

    /**
     * Returns Fleiss' kappa of several readers.
     *
     * @param counts {@code counts[i][k]} is the number of readers who put item {@code i} into category {@code k};
     *     every item must have the same number of ratings, at least 2
     * @return kappa, or NaN when chance agreement is 1
     */
    public static double fleissKappa(int[][] counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("Need at least one item");
        }
        int categories = counts[0].length;
        int raters = sum(counts[0]);
        if (raters < 2) {
            throw new IllegalArgumentException("Need at least 2 ratings per item, item 0 has " + raters);
        }
        double[] categoryTotals = new double[categories];
        double meanAgreement = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != categories || sum(counts[i]) != raters) {
                throw new IllegalArgumentException("Item " + i + " has " + sum(counts[i]) + " ratings in "
                        + counts[i].length + " categories; every item needs " + raters + " in " + categories);
            }
            double pairs = 0;
            for (int k = 0; k < categories; k++) {
                categoryTotals[k] += counts[i][k];
                pairs += counts[i][k] * (counts[i][k] - 1.0);
            }
            meanAgreement += pairs / (raters * (raters - 1.0));
        }
        meanAgreement /= counts.length;
        double chance = 0;
        for (double total : categoryTotals) {
            double share = total / (counts.length * (double) raters);
            chance += share * share;
        }
        return chance == 1 ? Double.NaN : (meanAgreement - chance) / (1 - chance);
    }

    private static int check(int rating, int categories) {
        if (rating < 1 || rating > categories) {
            throw new IllegalArgumentException("Rating " + rating + " is outside the scale 1 to " + categories);
        }
        return rating;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }
}
