package org.robustlab.core.attack;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adversarial examples and what they cost.
 *
 * @param adversarial the adversarial images, of the input's shape
 * @param gradientPasses the number of gradient passes (one forward and one backward per batch) spent
 */
public record AttackResult(INDArray adversarial, int gradientPasses) {}
