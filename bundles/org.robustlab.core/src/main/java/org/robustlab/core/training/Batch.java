package org.robustlab.core.training;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mini-batch of clean training data.
 *
 * @param inputs images [N, C, H, W]
 * @param labels [N, outputs]: one-hot rows for a softmax head, 0/1 for a sigmoid head
 * @param labelMask [N, outputs] with 0 for unknown labels, or {@code null}
 */
public record Batch(INDArray inputs, INDArray labels, INDArray labelMask) {

    public Batch {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        if (inputs.size(0) != labels.size(0)) {
            throw new IllegalArgumentException(
                    "inputs and labels differ in batch size: " + inputs.size(0) + " and " + labels.size(0));
        }
    }
}
