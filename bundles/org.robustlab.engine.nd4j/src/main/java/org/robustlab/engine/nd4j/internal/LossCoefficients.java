package org.robustlab.engine.nd4j.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Head;

/**
 * The placeholder values of a graph's loss head for one objective or loss term.
 *
 * <p>Per element, the head computes {@code B * l - A * logSoftmax(l)} for a softmax head and {@code A *
 * softplus(-l) + C * softplus(l) + B * l} for a sigmoid head, where {@code l} are the logits; a TRADES graph adds
 * {@code D * p * (log p - logSoftmax(l))}. Every objective and loss term of the engine API is one choice of these
 * coefficients:
 * <ul>
 *   <li>softmax cross-entropy: {@code A = labels}; sigmoid binary cross-entropy: {@code A = mask * posWeight *
 *       labels}, {@code C = mask * (1 - labels)};
 *   <li>a weighted sum of logits: {@code B = weights};
 *   <li>{@code KL(r || softmax(l)) = sum(r log r) - sum(r * logSoftmax(l))}: {@code A = r} plus a constant per
 *       image;
 *   <li>training terms divide by the batch size (or by the summed class weights, or by the number of counted
 *       labels), so that the graph computes the mean loss as PyTorch's losses do.
 * </ul>
 *
 * @param values the placeholder arrays by name
 * @param offsets a constant per image added to the graph's objective, [N], or {@code null} when zero
 */
record LossCoefficients(Map<String, INDArray> values, INDArray offsets) {

    /** Returns the coefficients of an inference-mode objective, summed over the batch. */
    static LossCoefficients of(Objective objective, Head head, long batch, int outputs, DataType type) {
        Shape shape = new Shape(head, batch, outputs, type);
        if (objective instanceof Objective.Loss loss) {
            INDArray labels = shape.check("labels", loss.labels());
            INDArray mask = loss.labelMask() == null ? null : shape.check("labelMask", loss.labelMask());
            return head == Head.SOFTMAX
                    ? shape.softmax(noMask(mask, labels), shape.zeros(), null)
                    : shape.sigmoid(labels, mask, null, 1.0);
        }
        if (objective instanceof Objective.LogitWeights weights) {
            INDArray b = shape.check("weights", weights.weights());
            return head == Head.SOFTMAX
                    ? shape.softmax(shape.zeros(), b, null)
                    : new LossCoefficients(shape.named(shape.zeros(), b, shape.zeros()), null);
        }
        Objective.Divergence divergence = (Objective.Divergence) objective;
        if (head != Head.SOFTMAX) {
            throw new IllegalArgumentException(
                    "The divergence objective needs a softmax head, but the model has a " + head + " head");
        }
        INDArray reference = shape.check("reference", divergence.reference());
        INDArray logReference = Transforms.log(reference, true);
        BooleanIndexing.replaceWhere(logReference, 0.0, Conditions.isInfinite());
        INDArray offsets = reference.mul(logReference).sum(1);
        return shape.softmax(reference, shape.zeros(), offsets);
    }

    /** Returns the coefficients of a training term, averaged over the batch, without the term's weight. */
    static LossCoefficients of(LossTerm term, Head head, INDArray classWeights, int outputs, DataType type) {
        long batch = term.input().size(0);
        Shape shape = new Shape(head, batch, outputs, type);
        INDArray labels = shape.check("labels", term.labels());
        INDArray mask = term.labelMask() == null ? null : shape.check("labelMask", term.labelMask());
        INDArray weights = classWeights == null ? null : shape.classWeights(classWeights);
        if (term.kind() == LossTerm.Kind.TRADES) {
            if (head != Head.SOFTMAX) {
                throw new IllegalArgumentException(
                        "A TRADES term needs a softmax head, but the model has a " + head + " head");
            }
            if (!(term.beta() >= 0) || !Double.isFinite(term.beta())) {
                throw new IllegalArgumentException("TRADES beta must be finite and >= 0, got " + term.beta());
            }
            LossCoefficients crossEntropy =
                    shape.softmax(shape.weightedMean(noMask(mask, labels), weights), null, null);
            Map<String, INDArray> values = new LinkedHashMap<>(crossEntropy.values());
            values.put(GraphBuilder.COEFFICIENT_D, shape.zeros().addi(term.beta() / batch));
            return new LossCoefficients(values, null);
        }
        if (head == Head.SOFTMAX) {
            return shape.softmax(shape.weightedMean(noMask(mask, labels), weights), shape.zeros(), null);
        }
        double count =
                mask == null ? (double) batch * outputs : mask.sumNumber().doubleValue();
        return shape.sigmoid(labels, mask, weights, count > 0 ? 1.0 / count : 0.0);
    }

    private static INDArray noMask(INDArray mask, INDArray labels) {
        if (mask != null) {
            throw new IllegalArgumentException("Label masks need a sigmoid head; a softmax head counts every label");
        }
        return labels;
    }

    /** Shape checks and array factories for one batch. */
    private record Shape(Head head, long batch, int outputs, DataType type) {

        INDArray check(String field, INDArray array) {
            long[] expected = {batch, outputs};
            if (!Arrays.equals(array.shape(), expected)) {
                throw new IllegalArgumentException(field + " has shape " + Arrays.toString(array.shape())
                        + ", expected " + Arrays.toString(expected) + " (images, outputs)");
            }
            return array.castTo(type);
        }

        INDArray classWeights(INDArray weights) {
            if (weights.length() != outputs || weights.rank() > 2) {
                throw new IllegalArgumentException(
                        "classWeights has shape " + Arrays.toString(weights.shape()) + ", expected [" + outputs + "]");
            }
            INDArray row = weights.castTo(type).reshape(1, outputs);
            double minimum = row.minNumber().doubleValue();
            if (!(minimum >= 0) || !Double.isFinite(row.sumNumber().doubleValue())) {
                throw new IllegalArgumentException("classWeights must be finite and >= 0, got " + row);
            }
            return row;
        }

        INDArray zeros() {
            return Nd4j.zeros(type, batch, outputs);
        }

        /**
         * Returns {@code labels * w / sum(labels * w)}, the coefficients of PyTorch's weighted mean
         * cross-entropy; with no weights, {@code labels / N}.
         */
        INDArray weightedMean(INDArray labels, INDArray weights) {
            if (weights == null) {
                return labels.div(batch);
            }
            INDArray weighted = labels.mulRowVector(weights);
            double total = weighted.sumNumber().doubleValue();
            return total > 0 ? weighted.divi(total) : weighted.muli(0);
        }

        LossCoefficients softmax(INDArray a, INDArray b, INDArray offsets) {
            Map<String, INDArray> values = new LinkedHashMap<>();
            values.put(GraphBuilder.COEFFICIENT_A, a);
            if (b != null) {
                values.put(GraphBuilder.COEFFICIENT_B, b);
            }
            return new LossCoefficients(values, offsets);
        }

        /**
         * Returns binary cross-entropy coefficients: {@code A = scale * mask * posWeight * y} and {@code C = scale
         * * mask * (1 - y)}, where unknown labels (NaN) must be masked out.
         */
        LossCoefficients sigmoid(INDArray labels, INDArray mask, INDArray positiveWeights, double scale) {
            INDArray counted = mask == null ? Nd4j.ones(type, batch, outputs) : mask;
            INDArray known = labels.dup();
            INDArray unknown = known.isNaN();
            if (unknown.castTo(type).mul(counted).sumNumber().doubleValue() > 0) {
                throw new IllegalArgumentException("labels contain NaN where the label mask counts them; set the mask"
                        + " to 0 for unknown labels");
            }
            BooleanIndexing.replaceWhere(known, 0.0, Conditions.isNan());
            INDArray a = known.mul(counted).muli(scale);
            if (positiveWeights != null) {
                a.muliRowVector(positiveWeights);
            }
            INDArray c = known.rsub(1.0).muli(counted).muli(scale);
            return new LossCoefficients(named(a, zeros(), c), null);
        }

        Map<String, INDArray> named(INDArray a, INDArray b, INDArray c) {
            Map<String, INDArray> values = new LinkedHashMap<>();
            values.put(GraphBuilder.COEFFICIENT_A, a);
            values.put(GraphBuilder.COEFFICIENT_B, b);
            values.put(GraphBuilder.COEFFICIENT_C, c);
            return values;
        }
    }
}
