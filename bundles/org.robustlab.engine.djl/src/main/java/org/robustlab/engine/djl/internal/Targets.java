package org.robustlab.engine.djl.internal;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.robustlab.core.model.Head;

/**
 * Checked target arrays of one batch and the per-element coefficients of the losses built from them, computed
 * with ND4J before they enter libtorch.
 *
 * <p>A softmax loss is {@code -sum(A * logSoftmax(z))} and a sigmoid loss is {@code sum(A * softplus(-z) + C *
 * softplus(z))}, where {@code z} are the logits. Objectives sum over the batch; training losses put PyTorch's mean
 * reduction into the coefficients: {@code 1/N}, {@code w[y] / sum(w[y])} with class weights, or one over the
 * number of counted labels of a sigmoid head.
 *
 * @param head the network's output activation
 * @param batch the number of images
 * @param outputs the number of logits per image
 */
record Targets(Head head, long batch, int outputs) {

    /** Returns {@code array} as float32 after checking that it has shape [batch, outputs]. */
    INDArray check(String field, INDArray array) {
        long[] expected = {batch, outputs};
        if (!Arrays.equals(array.shape(), expected)) {
            throw new IllegalArgumentException(field + " has shape " + Arrays.toString(array.shape()) + ", expected "
                    + Arrays.toString(expected) + " (images, outputs)");
        }
        return array.castTo(DataType.FLOAT);
    }

    /** Returns the class weights as a [1, outputs] row after checking that they are finite and non-negative. */
    INDArray classWeights(INDArray weights) {
        if (weights.length() != outputs || weights.rank() > 2) {
            throw new IllegalArgumentException(
                    "classWeights has shape " + Arrays.toString(weights.shape()) + ", expected [" + outputs + "]");
        }
        INDArray row = weights.castTo(DataType.FLOAT).reshape(1, outputs);
        double minimum = row.minNumber().doubleValue();
        if (!(minimum >= 0) || !Double.isFinite(row.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("classWeights must be finite and >= 0, got " + row);
        }
        return row;
    }

    /** Rejects a label mask for a softmax head, which always counts every label. */
    void requireNoMask(INDArray mask) {
        if (mask != null) {
            throw new IllegalArgumentException("Label masks need a sigmoid head; a softmax head counts every label");
        }
    }

    /** Rejects heads other than softmax for losses defined on class probabilities. */
    void requireSoftmax(String user) {
        if (head != Head.SOFTMAX) {
            throw new IllegalArgumentException(user + " needs a softmax head, but the model has a " + head + " head");
        }
    }

    /** Returns the softmax coefficients of PyTorch's mean cross-entropy, optionally class-weighted. */
    INDArray meanCrossEntropy(INDArray labels, INDArray weights) {
        if (weights == null) {
            return labels.div(batch);
        }
        INDArray weighted = labels.mulRowVector(weights);
        double total = weighted.sumNumber().doubleValue();
        return total > 0 ? weighted.divi(total) : weighted.muli(0);
    }

    /**
     * Returns the sigmoid coefficients {@code A = scale * mask * posWeight * y} and {@code C = scale * mask * (1 -
     * y)}. Unknown labels may be NaN where the mask is 0.
     *
     * @param mask 1 where a label counts, or {@code null} for all
     * @param positiveWeights [1, outputs] weights of positive targets, or {@code null}
     * @param mean whether to divide by the number of counted labels; a term with none counted contributes 0
     */
    INDArray[] binaryCrossEntropy(INDArray labels, INDArray mask, INDArray positiveWeights, boolean mean) {
        INDArray counted = mask == null ? Nd4j.ones(DataType.FLOAT, batch, outputs) : mask;
        INDArray known = labels.dup();
        if (known.isNaN().castTo(DataType.FLOAT).mul(counted).sumNumber().doubleValue() > 0) {
            throw new IllegalArgumentException(
                    "labels contain NaN where the label mask counts them; set the mask to 0 for unknown labels");
        }
        BooleanIndexing.replaceWhere(known, 0.0, Conditions.isNan());
        double count = counted.sumNumber().doubleValue();
        double scale = 1.0;
        if (mean) {
            scale = count > 0 ? 1.0 / count : 0.0;
        }
        INDArray positive = known.mul(counted).muli(scale);
        if (positiveWeights != null) {
            positive.muliRowVector(positiveWeights);
        }
        INDArray negative = known.rsub(1.0).muli(counted).muli(scale);
        return new INDArray[] {positive, negative};
    }

    /** Returns {@code sum(r * log r)} per image, with {@code 0 log 0 = 0}. */
    static INDArray negativeEntropy(INDArray reference) {
        INDArray logReference = org.nd4j.linalg.ops.transforms.Transforms.log(reference, true);
        BooleanIndexing.replaceWhere(logReference, 0.0, Conditions.isInfinite());
        return reference.mul(logReference).sum(1);
    }
}
