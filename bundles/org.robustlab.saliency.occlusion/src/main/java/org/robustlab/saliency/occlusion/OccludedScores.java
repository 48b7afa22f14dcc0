package org.robustlab.saliency.occlusion;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.engine.Model;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * Scores the occluded copies of every image, one copy per window position, in batches of at most the context's
 * maximum batch size. Copy {@code s} is window {@code s % windows} of image {@code s / windows}.
 */
final class OccludedScores {

    /** Receives the weighted logits of one occluded copy. */
    @FunctionalInterface
    interface ScoreConsumer {
        void accept(int image, int window, double score);
    }

    private final Model model;

    private final INDArray images;

    private final INDArray baselines;

    private final SaliencyTarget target;

    private final List<int[]> windows;

    private final SaliencyContext context;

    OccludedScores(
            Model model,
            INDArray images,
            INDArray baselines,
            SaliencyTarget target,
            List<int[]> windows,
            SaliencyContext context) {
        this.model = model;
        this.images = images;
        this.baselines = baselines;
        this.target = target;
        this.windows = windows;
        this.context = context;
    }

    void evaluate(ScoreConsumer consumer) {
        long total = images.size(0) * windows.size();
        INDArray weights = target.classWeights().castTo(DataType.DOUBLE);
        for (long start = 0; start < total; start += context.maxBatchSize()) {
            context.checkCanceled();
            int size = (int) Math.min(context.maxBatchSize(), total - start);
            INDArray batch = Nd4j.create(DataType.FLOAT, size, images.size(1), images.size(2), images.size(3));
            for (int j = 0; j < size; j++) {
                int image = (int) ((start + j) / windows.size());
                int[] window = windows.get((int) ((start + j) % windows.size()));
                INDArray copy = batch.get(NDArrayIndex.point(j));
                copy.assign(images.get(NDArrayIndex.point(image)));
                INDArrayIndex[] region = {
                    NDArrayIndex.all(),
                    NDArrayIndex.interval(window[0], window[2]),
                    NDArrayIndex.interval(window[1], window[3])
                };
                copy.get(region).assign(baselines.get(NDArrayIndex.point(image)).get(region));
            }
            INDArray logits = model.logits(batch, target.branch()).castTo(DataType.DOUBLE);
            for (int j = 0; j < size; j++) {
                int image = (int) ((start + j) / windows.size());
                double score =
                        logits.getRow(j).mul(weights.getRow(image)).sumNumber().doubleValue();
                consumer.accept(image, (int) ((start + j) % windows.size()), score);
            }
        }
    }
}
