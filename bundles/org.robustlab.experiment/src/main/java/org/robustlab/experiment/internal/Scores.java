package org.robustlab.experiment.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.model.Head;

/** Probabilities, losses and accuracy computed from logits in double precision, per the head's definition. */
final class Scores {

    private Scores() {}

    /** Returns softmax probabilities per row, or the sigmoid of each logit, [N, outputs] in float32. */
    static INDArray probabilities(INDArray logits, Head head) {
        double[][] values = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] probabilities = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            probabilities[i] = head == Head.SOFTMAX ? softmax(values[i]) : sigmoid(values[i]);
        }
        return Nd4j.createFromArray(probabilities).castTo(DataType.FLOAT);
    }

    /**
     * Returns the head's loss summed over the batch: cross-entropy against one-hot rows for softmax, binary
     * cross-entropy over the known labels for sigmoid. Unknown labels are NaN and are skipped.
     */
    static double summedLoss(INDArray logits, INDArray labels, Head head) {
        double[][] z = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            total += head == Head.SOFTMAX ? crossEntropy(z[i], y[i]) : binaryCrossEntropy(z[i], y[i]);
        }
        return total;
    }

    /**
     * Returns the number of correct predictions: the arg-max matches the labelled class for softmax; for sigmoid,
     * every known label is matched at probability 0.5.
     */
    static int correct(INDArray logits, INDArray labels, Head head) {
        double[][] z = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            correct += (head == Head.SOFTMAX ? argmax(z[i]) == argmax(y[i]) : allLabelsMatch(z[i], y[i])) ? 1 : 0;
        }
        return correct;
    }

    private static boolean allLabelsMatch(double[] logits, double[] labels) {
        for (int j = 0; j < logits.length; j++) {
            if (!Double.isNaN(labels[j]) && (logits[j] > 0) != (labels[j] > 0.5)) {
                return false;
            }
        }
        return true;
    }

    private static double crossEntropy(double[] logits, double[] oneHot) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logits) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (double value : logits) {
            sum += Math.exp(value - max);
        }
        double logSum = max + Math.log(sum);
        double loss = 0;
        for (int j = 0; j < logits.length; j++) {
            loss += oneHot[j] * (logSum - logits[j]);
        }
        return loss;
    }

    private static double binaryCrossEntropy(double[] logits, double[] labels) {
        double loss = 0;
        for (int j = 0; j < logits.length; j++) {
            if (!Double.isNaN(labels[j])) {
                double z = logits[j];
                loss += Math.max(z, 0) - z * labels[j] + Math.log1p(Math.exp(-Math.abs(z)));
            }
        }
        return loss;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logits) {
            max = Math.max(max, value);
        }
        double[] result = new double[logits.length];
        double sum = 0;
        for (int j = 0; j < logits.length; j++) {
            result[j] = Math.exp(logits[j] - max);
            sum += result[j];
        }
        for (int j = 0; j < logits.length; j++) {
            result[j] /= sum;
        }
        return result;
    }

    private static double[] sigmoid(double[] logits) {
        double[] result = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
            result[j] = 1 / (1 + Math.exp(-logits[j]));
        }
        return result;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int j = 1; j < values.length; j++) {
            if (values[j] > values[best]) {
                best = j;
            }
        }
        return best;
    }
}
