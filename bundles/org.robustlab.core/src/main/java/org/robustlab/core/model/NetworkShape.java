package org.robustlab.core.model;

import java.util.Objects;

/**
 * What an architecture must fit: the input images, the outputs and the normalization.
 *
 * @param channels channels of the input images
 * @param height input height in pixels
 * @param width input width in pixels
 * @param outputs number of classes or labels
 * @param head softmax for one class per image, sigmoid for multi-label outputs
 * @param normalization single or dual batch normalization
 */
public record NetworkShape(int channels, int height, int width, int outputs, Head head, Normalization normalization) {

    public NetworkShape {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(normalization, "normalization");
        if (channels <= 0 || height <= 0 || width <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("channels, height, width and outputs must be > 0, got " + channels + ", "
                    + height + ", " + width + ", " + outputs);
        }
    }
}
