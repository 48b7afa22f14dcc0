package org.robustlab.testing;

import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Head;

/**
 * The objectives of {@link Objective} evaluated on logits in float64, with their exact gradients with respect to
 * the logits. Every formula is the numerically stable form: log-sum-exp for softmax cross-entropy and
 * {@code max(z, 0) - z * y + log(1 + exp(-|z|))} for binary cross-entropy with logits.
 */
final class AnalyticObjectives {

    private AnalyticObjectives() {}

    /**
     * Values and logit gradients of an objective.
     *
     * @param values the objective of each image, [N]
     * @param logitGradient the gradient of the summed objective with respect to the logits, [N][outputs]
     */
    record Evaluation(double[] values, double[][] logitGradient) {}

    static Evaluation evaluate(Objective objective, Head head, double[][] logits) {
        if (objective instanceof Objective.Loss loss) {
            double[][] labels = MatrixConversions.matrix(loss.labels(), logits.length, logits[0].length, "labels");
            if (head == Head.SOFTMAX) {
                if (loss.labelMask() != null) {
                    throw new IllegalArgumentException("A label mask needs a sigmoid head; this model has softmax");
                }
                return softmaxCrossEntropy(logits, labels);
            }
            double[][] mask = loss.labelMask() == null
                    ? null
                    : MatrixConversions.matrix(loss.labelMask(), logits.length, logits[0].length, "labelMask");
            return sigmoidCrossEntropy(logits, labels, mask);
        }
        if (objective instanceof Objective.LogitWeights weights) {
            double[][] w = MatrixConversions.matrix(weights.weights(), logits.length, logits[0].length, "weights");
            double[] values = new double[logits.length];
            for (int n = 0; n < logits.length; n++) {
                for (int k = 0; k < logits[n].length; k++) {
                    values[n] += w[n][k] * logits[n][k];
                }
            }
            return new Evaluation(values, w);
        }
        Objective.Divergence divergence = (Objective.Divergence) objective;
        if (head != Head.SOFTMAX) {
            throw new IllegalArgumentException("The KL divergence objective needs a softmax head");
        }
        double[][] reference =
                MatrixConversions.matrix(divergence.reference(), logits.length, logits[0].length, "reference");
        return divergence(logits, reference);
    }

    private static Evaluation softmaxCrossEntropy(double[][] logits, double[][] labels) {
        double[] values = new double[logits.length];
        double[][] gradient = new double[logits.length][];
        for (int n = 0; n < logits.length; n++) {
            double[] logProbabilities = logSoftmax(logits[n]);
            double labelSum = 0;
            gradient[n] = new double[logits[n].length];
            for (int k = 0; k < logits[n].length; k++) {
                values[n] -= labels[n][k] == 0 ? 0 : labels[n][k] * logProbabilities[k];
                labelSum += labels[n][k];
            }
            for (int k = 0; k < logits[n].length; k++) {
                gradient[n][k] = Math.exp(logProbabilities[k]) * labelSum - labels[n][k];
            }
        }
        return new Evaluation(values, gradient);
    }

    private static Evaluation sigmoidCrossEntropy(double[][] logits, double[][] labels, double[][] mask) {
        double[] values = new double[logits.length];
        double[][] gradient = new double[logits.length][];
        for (int n = 0; n < logits.length; n++) {
            gradient[n] = new double[logits[n].length];
            for (int k = 0; k < logits[n].length; k++) {
                double weight = mask == null ? 1 : mask[n][k];
                double z = logits[n][k];
                double y = labels[n][k];
                double loss = Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                values[n] += weight == 0 ? 0 : weight * loss;
                gradient[n][k] = weight * (sigmoid(z) - y);
            }
        }
        return new Evaluation(values, gradient);
    }

    private static Evaluation divergence(double[][] logits, double[][] reference) {
        double[] values = new double[logits.length];
        double[][] gradient = new double[logits.length][];
        for (int n = 0; n < logits.length; n++) {
            double[] logProbabilities = logSoftmax(logits[n]);
            double referenceSum = 0;
            gradient[n] = new double[logits[n].length];
            for (int k = 0; k < logits[n].length; k++) {
                double p = reference[n][k];
                if (p > 0) {
                    values[n] += p * (Math.log(p) - logProbabilities[k]);
                }
                referenceSum += p;
            }
            for (int k = 0; k < logits[n].length; k++) {
                gradient[n][k] = Math.exp(logProbabilities[k]) * referenceSum - reference[n][k];
            }
        }
        return new Evaluation(values, gradient);
    }

    static double[] logSoftmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : z) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (double value : z) {
            sum += Math.exp(value - max);
        }
        double logSum = max + Math.log(sum);
        double[] result = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            result[k] = z[k] - logSum;
        }
        return result;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
