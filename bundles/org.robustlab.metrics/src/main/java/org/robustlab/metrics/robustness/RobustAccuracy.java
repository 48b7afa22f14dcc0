package org.robustlab.metrics.robustness;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Head;

/** Accuracy of scores against labels: arg-max for softmax heads, per counted label at 0.5 for sigmoid heads. */
final class RobustAccuracy {

    private RobustAccuracy() {}

    static double of(Head head, INDArray labels, INDArray mask, INDArray scores) {
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] s = scores.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] m = mask == null ? null : mask.castTo(DataType.DOUBLE).toDoubleMatrix();
        long correct = 0;
        long total = 0;
        for (int i = 0; i < y.length; i++) {
            if (head == Head.SOFTMAX) {
                correct += argMax(y[i]) == argMax(s[i]) ? 1 : 0;
                total++;
                continue;
            }
            for (int l = 0; l < y[i].length; l++) {
                if (Double.isNaN(y[i][l]) || (m != null && m[i][l] == 0)) {
                    continue;
                }
                correct += (s[i][l] >= 0.5) == (y[i][l] >= 0.5) ? 1 : 0;
                total++;
            }
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
