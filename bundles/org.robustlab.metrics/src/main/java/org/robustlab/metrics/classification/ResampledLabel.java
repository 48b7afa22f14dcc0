package org.robustlab.metrics.classification;

import java.util.ArrayList;
import java.util.List;

import org.robustlab.metrics.LabelColumns;

/** The scores and truths of one label on a bootstrap resample of the rows. */
record ResampledLabel(double[] scores, boolean[] positive) {

    /**
     * Returns the label's counted samples among the resampled rows (every counted sample when {@code rows} is
     * null), or null when the resample lacks a class.
     */
    static ResampledLabel of(LabelColumns column, double[][] scoreRows, int[] rows) {
        double[] all = column.scores(scoreRows);
        if (rows == null) {
            return new ResampledLabel(all, column.positive());
        }
        int[] position = new int[scoreRows.length];
        java.util.Arrays.fill(position, -1);
        for (int k = 0; k < column.indices().length; k++) {
            position[column.indices()[k]] = k;
        }
        List<Integer> kept = new ArrayList<>();
        for (int row : rows) {
            if (position[row] >= 0) {
                kept.add(position[row]);
            }
        }
        double[] scores = new double[kept.size()];
        boolean[] positive = new boolean[kept.size()];
        int positives = 0;
        for (int k = 0; k < kept.size(); k++) {
            scores[k] = all[kept.get(k)];
            positive[k] = column.positive()[kept.get(k)];
            positives += positive[k] ? 1 : 0;
        }
        return positives == 0 || positives == kept.size() ? null : new ResampledLabel(scores, positive);
    }
}
