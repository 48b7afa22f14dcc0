package org.robustlab.core.engine;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A scalar function of a network's logits, whose gradient the model computes. Every objective is a
 * <em>sum</em> over the batch, so that the gradient for one image does not depend on the batch it came in.
 */
public sealed interface Objective {

    /**
     * The training loss of the network's head against {@code labels}, summed over the batch: softmax
     * cross-entropy against one-hot rows, or sigmoid binary cross-entropy summed over the labels.
     *
     * @param labels [N, outputs]: one-hot rows for a softmax head, 0/1 (or soft) targets for a sigmoid head
     * @param labelMask [N, outputs] with 1 where a label counts and 0 where it is ignored, or {@code null} for
     *     all; only a sigmoid head supports masking
     */
    record Loss(INDArray labels, INDArray labelMask) implements Objective {
        public Loss {
            Objects.requireNonNull(labels, "labels");
        }

        /** Returns the loss against {@code labels} with every label counted. */
        public static Loss of(INDArray labels) {
            return new Loss(labels, null);
        }
    }

    /**
     * A weighted sum of the logits, {@code sum(logits * weights)}: a class score to explain, or a weighted set
     * of labels as in the saliency maps of Han et al. (2021).
     *
     * @param weights [N, outputs]
     */
    record LogitWeights(INDArray weights) implements Objective {
        public LogitWeights {
            Objects.requireNonNull(weights, "weights");
        }
    }

    /**
     * The Kullback-Leibler divergence {@code KL(reference || softmax(logits))} summed over the batch, as
     * maximised by the TRADES attack (Zhang et al., ICML 2019). Softmax heads only.
     *
     * @param reference [N, outputs] probabilities of the clean input, treated as constants
     */
    record Divergence(INDArray reference) implements Objective {
        public Divergence {
            Objects.requireNonNull(reference, "reference");
        }
    }
}
