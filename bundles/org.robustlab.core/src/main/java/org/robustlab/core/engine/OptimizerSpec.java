package org.robustlab.core.engine;

import java.util.Objects;

/**
 * An optimizer with PyTorch's semantics, so that runs agree across engines: weight decay is L2 regularisation
 * added to the gradient of every trainable parameter ({@code torch.optim.Adam} and {@code torch.optim.SGD}, not
 * AdamW).
 *
 * @param type Adam or SGD
 * @param learningRate step size
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator term
 * @param momentum SGD's momentum, 0 for plain SGD
 * @param nesterov whether SGD uses Nesterov momentum
 * @param weightDecay L2 penalty coefficient
 */
public record OptimizerSpec(
        Type type,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double momentum,
        boolean nesterov,
        double weightDecay) {

    /** The optimization algorithm. */
    public enum Type {
        /** Adam (Kingma and Ba, 2015). */
        ADAM,
        /** Stochastic gradient descent, optionally with momentum. */
        SGD
    }

    public OptimizerSpec {
        Objects.requireNonNull(type, "type");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite value > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Need epsilon > 0, momentum in [0, 1) and weightDecay >= 0, got "
                    + epsilon + ", " + momentum + ", " + weightDecay);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
    }

    /** Returns Adam with PyTorch's defaults (betas 0.9 and 0.999, epsilon 1e-8) and no weight decay. */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec(Type.ADAM, learningRate, 0.9, 0.999, 1e-8, 0, false, 0);
    }

    /** Returns SGD with the given momentum and no weight decay. */
    public static OptimizerSpec sgd(double learningRate, double momentum) {
        return new OptimizerSpec(Type.SGD, learningRate, 0.9, 0.999, 1e-8, momentum, false, 0);
    }

    /** Returns a copy with another weight decay. */
    public OptimizerSpec withWeightDecay(double decay) {
        return new OptimizerSpec(type, learningRate, beta1, beta2, epsilon, momentum, nesterov, decay);
    }
}
