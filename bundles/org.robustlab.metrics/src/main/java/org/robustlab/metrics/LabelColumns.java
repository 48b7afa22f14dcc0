package org.robustlab.metrics;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.metric.EvaluationInput;

/**
 * The samples that count for one label: those whose label is known (not NaN) and not masked out, with their
 * 0/1 truth and their score under each model.
 *
 * @param label the label index
 * @param indices the counted sample indices
 * @param positive per counted sample, whether the label is positive (value >= 0.5)
 */
public record LabelColumns(int label, int[] indices, boolean[] positive) {

    /** Returns the counted samples of every label of the input. */
    public static List<LabelColumns> of(EvaluationInput input) {
        double[][] labels = rows(input.labels());
        double[][] mask = input.labelMask().map(LabelColumns::rows).orElse(null);
        List<LabelColumns> columns = new ArrayList<>();
        for (int label = 0; label < input.labelNames().size(); label++) {
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (!Double.isNaN(labels[i][label]) && (mask == null || mask[i][label] != 0)) {
                    kept.add(i);
                }
            }
            int[] indices = kept.stream().mapToInt(Integer::intValue).toArray();
            boolean[] positive = new boolean[indices.length];
            for (int k = 0; k < indices.length; k++) {
                positive[k] = labels[indices[k]][label] >= 0.5;
            }
            columns.add(new LabelColumns(label, indices, positive));
        }
        return columns;
    }

    /** Returns the number of positive samples. */
    public int positives() {
        int count = 0;
        for (boolean p : positive) {
            count += p ? 1 : 0;
        }
        return count;
    }

    /** Returns the scores of the counted samples from a score matrix [N, outputs]. */
    public double[] scores(double[][] scoreRows) {
        double[] scores = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            scores[k] = scoreRows[indices[k]][label];
        }
        return scores;
    }

    /** Returns the rows of a matrix as doubles. */
    public static double[][] rows(INDArray matrix) {
        return matrix.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
