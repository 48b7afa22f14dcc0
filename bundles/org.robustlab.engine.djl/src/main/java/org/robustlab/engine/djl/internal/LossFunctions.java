package org.robustlab.engine.djl.internal;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.model.Head;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The objectives and training losses of the engine API as libtorch operations on logits, in PyTorch's
 * conventions ({@code CrossEntropyLoss}, {@code BCEWithLogitsLoss}, {@code KLDivLoss}).
 */
final class LossFunctions {

    private final Head head;

    private final int outputs;

    LossFunctions(Head head, int outputs) {
        this.head = head;
        this.outputs = outputs;
    }

    /** Returns the value of {@code objective} per image, [N]; its sum is the objective. */
    NDArray objective(Objective objective, NDArray logits, ArrayScope scope) {
        Targets targets = new Targets(head, logits.getShape().get(0), outputs);
        if (objective instanceof Objective.Loss loss) {
            INDArray labels = targets.check("labels", loss.labels());
            INDArray mask = loss.labelMask() == null ? null : targets.check("labelMask", loss.labelMask());
            if (head == Head.SOFTMAX) {
                targets.requireNoMask(mask);
                return crossEntropy(logits, scope.toTensor(labels));
            }
            INDArray[] coefficients = targets.binaryCrossEntropy(labels, mask, null, false);
            return binaryCrossEntropy(logits, coefficients, scope);
        }
        if (objective instanceof Objective.LogitWeights weights) {
            NDArray w = scope.toTensor(targets.check("weights", weights.weights()));
            return logits.mul(w).sum(new int[] {1});
        }
        Objective.Divergence divergence = (Objective.Divergence) objective;
        targets.requireSoftmax("The divergence objective");
        INDArray reference = targets.check("reference", divergence.reference());
        NDArray negativeEntropy = scope.toTensor(Targets.negativeEntropy(reference));
        return crossEntropy(logits, scope.toTensor(reference)).add(negativeEntropy);
    }

    /** Returns the unweighted mean loss of a supervised term, a scalar. */
    NDArray supervised(LossTerm term, NDArray logits, INDArray classWeights, ArrayScope scope) {
        Targets targets = new Targets(head, logits.getShape().get(0), outputs);
        INDArray labels = targets.check("labels", term.labels());
        INDArray mask = term.labelMask() == null ? null : targets.check("labelMask", term.labelMask());
        INDArray weights = classWeights == null ? null : targets.classWeights(classWeights);
        if (head == Head.SOFTMAX) {
            targets.requireNoMask(mask);
            return crossEntropy(logits, scope.toTensor(targets.meanCrossEntropy(labels, weights)))
                    .sum();
        }
        INDArray[] coefficients = targets.binaryCrossEntropy(labels, mask, weights, true);
        return binaryCrossEntropy(logits, coefficients, scope).sum();
    }

    /**
     * Returns the unweighted TRADES loss of a term, {@code CE(f(reference), labels) + beta * KL(softmax
     * f(reference) || softmax f(input))} averaged over the batch, with gradients through both logits.
     */
    NDArray trades(LossTerm term, NDArray logits, NDArray referenceLogits, INDArray classWeights, ArrayScope scope) {
        long batch = logits.getShape().get(0);
        Targets targets = new Targets(head, batch, outputs);
        targets.requireSoftmax("A TRADES term");
        if (!(term.beta() >= 0) || !Double.isFinite(term.beta())) {
            throw new IllegalArgumentException("TRADES beta must be finite and >= 0, got " + term.beta());
        }
        INDArray labels = targets.check("labels", term.labels());
        targets.requireNoMask(term.labelMask() == null ? null : targets.check("labelMask", term.labelMask()));
        INDArray weights = classWeights == null ? null : targets.classWeights(classWeights);
        NDArray natural = crossEntropy(referenceLogits, scope.toTensor(targets.meanCrossEntropy(labels, weights)))
                .sum();
        NDArray logReference = referenceLogits.logSoftmax(1);
        NDArray divergence = logReference
                .exp()
                .mul(logReference.sub(logits.logSoftmax(1)))
                .sum()
                .div((float) batch);
        return natural.add(divergence.mul((float) term.beta()));
    }

    /** Returns {@code -sum(coefficients * logSoftmax(logits))} per image. */
    private static NDArray crossEntropy(NDArray logits, NDArray coefficients) {
        return logits.logSoftmax(1).mul(coefficients).sum(new int[] {1}).neg();
    }

    /** Returns {@code sum(A * softplus(-z) + C * softplus(z))} per image. */
    private static NDArray binaryCrossEntropy(NDArray logits, INDArray[] coefficients, ArrayScope scope) {
        NDArray positive = Activation.softPlus(logits.neg()).mul(scope.toTensor(coefficients[0]));
        NDArray negative = Activation.softPlus(logits).mul(scope.toTensor(coefficients[1]));
        return positive.add(negative).sum(new int[] {1});
    }
}
