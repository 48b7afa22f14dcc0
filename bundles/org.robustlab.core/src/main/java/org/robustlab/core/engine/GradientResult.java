package org.robustlab.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Result of one gradient pass.
 *
 * @param gradient the gradient of the objective with respect to the input, of the input's shape
 * @param logits the logits of the pass, [N, outputs]
 * @param objectives the objective's value per image, [N]
 */
public record GradientResult(INDArray gradient, INDArray logits, INDArray objectives) {}
