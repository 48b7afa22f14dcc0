package org.robustlab.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output of an intermediate layer and the gradient of an objective with respect to it, as Grad-CAM needs.
 *
 * @param layer name of the layer
 * @param activation the layer's output, [N, C, h, w] for a convolutional layer
 * @param gradient the gradient of the objective with respect to {@code activation}, of the same shape
 * @param logits the logits of the pass, [N, outputs]
 */
public record LayerGradient(String layer, INDArray activation, INDArray gradient, INDArray logits) {}
