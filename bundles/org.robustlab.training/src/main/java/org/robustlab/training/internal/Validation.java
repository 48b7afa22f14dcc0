package org.robustlab.training.internal;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Model;
import org.robustlab.core.model.Branch;
import org.robustlab.core.training.Batch;

/**
 * The clean validation loss and accuracy of a model: the head's unweighted loss in inference mode through the
 * clean batch-norm branch, the branch a trained model is deployed with. Han et al. (2021) selected their models
 * by the lowest clean validation loss.
 *
 * @param loss mean loss per image (softmax) or per counted label (sigmoid)
 * @param accuracy fraction of correct predictions
 */
record Validation(double loss, double accuracy) {

    /** Evaluates {@code model} on the samples at {@code indices}, in batches of {@code batchSize}. */
    static Validation evaluate(Model model, BatchSource source, List<Integer> indices, int batchSize) {
        double lossSum = 0;
        double lossCount = 0;
        long hits = 0;
        long total = 0;
        for (int start = 0; start < indices.size(); start += batchSize) {
            Batch batch = source.batch(indices.subList(start, Math.min(indices.size(), start + batchSize)));
            INDArray logits = model.logits(batch.inputs(), Branch.CLEAN);
            double[] loss = HeadMetrics.lossSum(model.spec().head(), logits, batch.labels(), batch.labelMask());
            long[] correct = HeadMetrics.correct(model.spec().head(), logits, batch.labels(), batch.labelMask());
            lossSum += loss[0];
            lossCount += loss[1];
            hits += correct[0];
            total += correct[1];
        }
        return new Validation(
                lossCount > 0 ? lossSum / lossCount : Double.NaN, total > 0 ? (double) hits / total : Double.NaN);
    }
}
