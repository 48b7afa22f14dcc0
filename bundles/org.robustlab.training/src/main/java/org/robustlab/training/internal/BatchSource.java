package org.robustlab.training.internal;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.data.Dataset;
import org.robustlab.core.data.TaskType;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.NetworkSpec;
import org.robustlab.core.training.Batch;

/**
 * Assembles mini-batches of a dataset for a network: images stacked to [N, C, H, W], labels to [N, outputs], and
 * for multi-label data a label mask with 0 where a label is unknown (NaN).
 */
final class BatchSource {

    private final Dataset dataset;

    private final boolean multiLabel;

    private final int outputs;

    /**
     * Checks that the dataset fits the network.
     *
     * @throws IllegalArgumentException when channels, label count or task type do not match the network
     */
    BatchSource(Dataset dataset, NetworkSpec spec) {
        this.dataset = dataset;
        this.outputs = spec.outputs();
        var manifest = dataset.manifest();
        if (manifest.channels() != spec.inputChannels()) {
            throw new IllegalArgumentException("Dataset " + manifest.name() + " has " + manifest.channels()
                    + " channels, but the network " + spec.architecture() + " takes " + spec.inputChannels());
        }
        if (manifest.labels().size() != spec.outputs()) {
            throw new IllegalArgumentException(
                    "Dataset " + manifest.name() + " has " + manifest.labels().size() + " labels " + manifest.labels()
                            + ", but the network has " + spec.outputs() + " outputs");
        }
        boolean softmax = spec.head() == Head.SOFTMAX;
        if (softmax != (manifest.task() == TaskType.MULTICLASS)) {
            throw new IllegalArgumentException("Dataset " + manifest.name() + " is " + manifest.task()
                    + ", which needs a " + (softmax ? "sigmoid" : "softmax") + " head, but the network has a "
                    + spec.head() + " head");
        }
        this.multiLabel = !softmax;
    }

    /** Returns the batch of the samples at these dataset indices. */
    Batch batch(List<Integer> indices) {
        INDArray[] images = new INDArray[indices.size()];
        float[][] labels = new float[indices.size()][];
        float[][] mask = new float[indices.size()][outputs];
        boolean anyUnknown = false;
        for (int i = 0; i < images.length; i++) {
            int index = indices.get(i);
            images[i] = dataset.image(index).castTo(DataType.FLOAT);
            labels[i] = checkedLabels(index);
            for (int k = 0; k < outputs; k++) {
                boolean unknown = Float.isNaN(labels[i][k]);
                anyUnknown |= unknown;
                mask[i][k] = unknown ? 0 : 1;
                labels[i][k] = unknown ? 0 : labels[i][k];
            }
        }
        INDArray labelMask = anyUnknown ? Nd4j.createFromArray(mask) : null;
        return new Batch(Nd4j.stack(0, images), Nd4j.createFromArray(labels), labelMask);
    }

    private float[] checkedLabels(int index) {
        float[] labels = dataset.sample(index).labels();
        if (labels.length != outputs) {
            throw new IllegalArgumentException("Sample " + index + " of "
                    + dataset.manifest().name() + " has " + labels.length + " labels, expected " + outputs);
        }
        if (!multiLabel) {
            for (float label : labels) {
                if (Float.isNaN(label)) {
                    throw new IllegalArgumentException(
                            "Sample " + index + " of " + dataset.manifest().name()
                                    + " has an unknown class " + Arrays.toString(labels)
                                    + "; a multi-class dataset needs one known class per image");
                }
            }
        }
        return labels;
    }
}
