package org.robustlab.metrics.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Points of an ROC curve. */
final class RocCurve {

    private RocCurve() {}

    /**
     * Returns the (false positive rate, true positive rate) points for every distinct threshold, from (0, 0) to
     * (1, 1). Tied scores move both rates in one step, so the trapezoid area under the points equals the AUROC.
     */
    static List<double[]> points(double[] scores, boolean[] positive) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        long positives =
                IntStream.range(0, positive.length).filter(i -> positive[i]).count();
        long negatives = scores.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long truePositives = 0;
        long falsePositives = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                truePositives++;
            } else {
                falsePositives++;
            }
            if (k == order.length - 1 || scores[order[k + 1]] != scores[order[k]]) {
                points.add(new double[] {(double) falsePositives / negatives, (double) truePositives / positives});
            }
        }
        return points;
    }
}
