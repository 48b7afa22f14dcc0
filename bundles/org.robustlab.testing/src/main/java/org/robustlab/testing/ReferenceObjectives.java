package org.robustlab.testing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Head;

/** Values and logit gradients of the {@link Objective}s in double precision, written from their definitions. */
final class ReferenceObjectives {

    private ReferenceObjectives() {}

    /**
     * Returns the objective per sample in {@code values} and its gradient with respect to the logits.
     *
     * @param logits [n, outputs]
     * @param values receives one value per sample
     */
    static ReferenceTensor gradient(Objective objective, Head head, ReferenceTensor logits, double[] values) {
        ReferenceTensor gradient = logits.zerosLike();
        int outputs = logits.c;
        if (objective instanceof Objective.LogitWeights weights) {
            double[] w = doubles(weights.weights(), logits);
            for (int i = 0; i < w.length; i++) {
                values[i / outputs] += w[i] * logits.data[i];
                gradient.data[i] = w[i];
            }
        } else if (objective instanceof Objective.Loss loss && head == Head.SIGMOID) {
            double[] labels = doubles(loss.labels(), logits);
            double[] mask = loss.labelMask() == null ? null : doubles(loss.labelMask(), logits);
            for (int i = 0; i < labels.length; i++) {
                double m = mask == null ? 1 : mask[i];
                double z = logits.data[i];
                // BCE with logits, stable form: max(z, 0) - z y + log(1 + exp(-|z|)).
                values[i / outputs] += m * (Math.max(z, 0) - z * labels[i] + Math.log1p(Math.exp(-Math.abs(z))));
                gradient.data[i] = m * (sigmoid(z) - labels[i]);
            }
        } else if (objective instanceof Objective.Loss loss) {
            crossEntropy(doubles(loss.labels(), logits), logits, values, gradient, false);
        } else if (objective instanceof Objective.Divergence divergence) {
            crossEntropy(doubles(divergence.reference(), logits), logits, values, gradient, true);
        }
        return gradient;
    }

    /**
     * Fills the cross-entropy {@code -sum(t log softmax(z))} per sample, or the divergence {@code KL(t ||
     * softmax(z))} when {@code entropyShift} is set; both have the gradient {@code softmax(z) sum(t) - t}.
     */
    private static void crossEntropy(
            double[] targets, ReferenceTensor logits, double[] values, ReferenceTensor gradient, boolean entropyShift) {
        int outputs = logits.c;
        for (int s = 0; s < logits.n; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < outputs; o++) {
                max = Math.max(max, logits.data[s * outputs + o]);
            }
            double sum = 0;
            for (int o = 0; o < outputs; o++) {
                sum += Math.exp(logits.data[s * outputs + o] - max);
            }
            double logSum = max + Math.log(sum);
            double mass = 0;
            for (int o = 0; o < outputs; o++) {
                mass += targets[s * outputs + o];
            }
            for (int o = 0; o < outputs; o++) {
                int i = s * outputs + o;
                double t = targets[i];
                double logP = logits.data[i] - logSum;
                values[s] += -t * logP + (entropyShift && t > 0 ? t * Math.log(t) : 0);
                gradient.data[i] = Math.exp(logP) * mass - t;
            }
        }
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double[] doubles(INDArray array, ReferenceTensor like) {
        ReferenceTensor tensor = ReferenceTensor.of(array);
        if (tensor.n != like.n || tensor.perSample() != like.perSample()) {
            throw new IllegalArgumentException("Objective array of shape " + java.util.Arrays.toString(array.shape())
                    + " does not match the logits [" + like.n + ", " + like.c + "]");
        }
        return tensor.data;
    }
}
