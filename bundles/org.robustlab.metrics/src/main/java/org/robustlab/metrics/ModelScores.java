package org.robustlab.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;

/** Head probabilities and target scores of a model, computed in batches. */
public final class ModelScores {

    private ModelScores() {}

    /** Returns the head's probabilities [N, outputs]: softmax or sigmoid of the logits, in double precision. */
    public static INDArray probabilities(Model model, INDArray images, Branch branch, int batchSize) {
        long count = images.size(0);
        INDArray probabilities = null;
        for (long start = 0; start < count; start += batchSize) {
            long end = Math.min(count, start + batchSize);
            INDArray logits = model.logits(images.get(NDArrayIndex.interval(start, end)), branch)
                    .castTo(DataType.DOUBLE);
            INDArray part = model.spec().head() == Head.SOFTMAX
                    ? Transforms.softmax(logits, true)
                    : Transforms.sigmoid(logits, true);
            if (probabilities == null) {
                probabilities = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, count, part.size(1));
            }
            probabilities.get(NDArrayIndex.interval(start, end)).assign(part);
        }
        return probabilities;
    }
}
