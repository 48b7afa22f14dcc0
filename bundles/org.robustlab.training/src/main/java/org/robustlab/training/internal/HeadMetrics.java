package org.robustlab.training.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.model.Head;

/**
 * Loss and accuracy of a head's logits against labels, computed in float64 outside the engine: the validation
 * loss and the running training accuracy.
 */
final class HeadMetrics {

    private HeadMetrics() {}

    /**
     * Returns the summed loss and the number of values it sums: softmax cross-entropy per image, or sigmoid
     * binary cross-entropy per counted label.
     */
    static double[] lossSum(Head head, INDArray logits, INDArray labels, INDArray mask) {
        INDArray l = logits.castTo(DataType.DOUBLE);
        INDArray y = labels.castTo(DataType.DOUBLE);
        if (head == Head.SOFTMAX) {
            INDArray shifted = l.subColumnVector(l.max(1).reshape(-1, 1));
            INDArray logSum =
                    Transforms.log(Transforms.exp(shifted, true).sum(1), false).reshape(-1, 1);
            INDArray logProbabilities = shifted.subColumnVector(logSum);
            double sum = -logProbabilities.muli(y).sumNumber().doubleValue();
            return new double[] {sum, l.size(0)};
        }
        // max(l, 0) - l * y + log(1 + exp(-|l|)): binary cross-entropy with logits, stable for large |l|.
        INDArray elements = Transforms.relu(l, true)
                .subi(l.mul(y))
                .addi(Transforms.log(
                        Transforms.exp(Transforms.abs(l, true).negi(), false).addi(1), false));
        INDArray counted = mask == null ? Nd4j.onesLike(elements) : mask.castTo(DataType.DOUBLE);
        return new double[] {
            elements.muli(counted).sumNumber().doubleValue(),
            counted.sumNumber().doubleValue()
        };
    }

    /**
     * Returns the number of correct predictions and the number of predictions: the arg-max class for a softmax
     * head, each counted label thresholded at logit 0 (probability 0.5) for a sigmoid head.
     */
    static long[] correct(Head head, INDArray logits, INDArray labels, INDArray mask) {
        if (head == Head.SOFTMAX) {
            long[] predicted = Nd4j.argMax(logits, 1).toLongVector();
            long[] expected = Nd4j.argMax(labels, 1).toLongVector();
            long hits = 0;
            for (int i = 0; i < predicted.length; i++) {
                hits += predicted[i] == expected[i] ? 1 : 0;
            }
            return new long[] {hits, predicted.length};
        }
        double[][] l = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] m = mask == null ? null : mask.castTo(DataType.DOUBLE).toDoubleMatrix();
        long hits = 0;
        long total = 0;
        for (int i = 0; i < l.length; i++) {
            for (int k = 0; k < l[i].length; k++) {
                if (m == null || m[i][k] > 0) {
                    total++;
                    hits += (l[i][k] > 0) == (y[i][k] > 0.5) ? 1 : 0;
                }
            }
        }
        return new long[] {hits, total};
    }
}
