package org.robustlab.core.engine;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Branch;

/**
 * One weighted term of a training loss. Each term runs its own forward pass in training mode, so batch norm
 * normalises it with its own batch statistics and updates the running statistics of its branch once.
 *
 * @param kind the loss function
 * @param input the images, [N, C, H, W]; the adversarial images for {@link Kind#TRADES}
 * @param labels [N, outputs] targets as in {@link Objective.Loss}
 * @param labelMask [N, outputs] with 0 for ignored labels, or {@code null}
 * @param reference the clean images for {@link Kind#TRADES}, otherwise {@code null}
 * @param branch the batch-norm branch of the forward pass
 * @param weight factor of this term in the summed loss
 * @param beta the TRADES trade-off factor; unused by other kinds
 */
public record LossTerm(
        Kind kind,
        INDArray input,
        INDArray labels,
        INDArray labelMask,
        INDArray reference,
        Branch branch,
        double weight,
        double beta) {

    /** The loss function of a term. */
    public enum Kind {
        /**
         * The head's loss averaged over the batch: softmax cross-entropy, or sigmoid binary cross-entropy
         * averaged over the counted labels.
         */
        SUPERVISED,
        /**
         * TRADES (Zhang et al., ICML 2019): {@code CE(f(reference), labels) + beta * KL(softmax f(reference) ||
         * softmax f(input))}, averaged over the batch, with gradients through both forward passes.
         */
        TRADES
    }

    public LossTerm {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(branch, "branch");
        if (kind == Kind.TRADES && reference == null) {
            throw new IllegalArgumentException("A TRADES term needs the clean images as reference");
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
        }
    }

    /** Returns a supervised term with every label counted. */
    public static LossTerm supervised(INDArray input, INDArray labels, Branch branch, double weight) {
        return new LossTerm(Kind.SUPERVISED, input, labels, null, null, branch, weight, 0);
    }

    /** Returns a copy of this term with a label mask. */
    public LossTerm withLabelMask(INDArray mask) {
        return new LossTerm(kind, input, labels, mask, reference, branch, weight, beta);
    }
}
