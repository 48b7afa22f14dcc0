package org.robustlab.saliency.gradient;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robustlab.core.engine.GradientResult;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * Evaluates input gradients of the target's weighted logits at many points per image (noisy copies, path points),
 * packing the points of all images into batches of at most {@link SaliencyContext#maxBatchSize()}. Point {@code
 * s} belongs to image {@code s / pointsPerImage} and is that image's point {@code s % pointsPerImage}; points are
 * created in this global order, so random draws do not depend on the batch size.
 */
final class SampledGradients {

    /** Creates the point {@code point} of image {@code image}, [C, H, W]. */
    @FunctionalInterface
    interface PointFactory {
        INDArray create(int image, int point);
    }

    /** Receives the gradient [C, H, W] at the point {@code point} of image {@code image}. */
    @FunctionalInterface
    interface GradientConsumer {
        void accept(int image, int point, INDArray gradient);
    }

    private SampledGradients() {}

    /** Evaluates the gradient at every point of every image and hands each to {@code consumer}, in order. */
    static void evaluate(
            Model model,
            INDArray input,
            SaliencyTarget target,
            int pointsPerImage,
            SaliencyContext context,
            PointFactory points,
            GradientConsumer consumer) {
        long total = input.size(0) * pointsPerImage;
        long[] imageShape = {input.size(1), input.size(2), input.size(3)};
        INDArray weights = target.classWeights().castTo(DataType.FLOAT);
        for (long start = 0; start < total; start += context.maxBatchSize()) {
            context.checkCanceled();
            int size = (int) Math.min(context.maxBatchSize(), total - start);
            INDArray batch = Nd4j.create(DataType.FLOAT, size, imageShape[0], imageShape[1], imageShape[2]);
            INDArray batchWeights = Nd4j.create(DataType.FLOAT, size, weights.size(1));
            for (int j = 0; j < size; j++) {
                int image = (int) ((start + j) / pointsPerImage);
                batch.get(NDArrayIndex.point(j)).assign(points.create(image, (int) ((start + j) % pointsPerImage)));
                batchWeights.getRow(j).assign(weights.getRow(image));
            }
            GradientResult result =
                    model.inputGradient(batch, new Objective.LogitWeights(batchWeights), target.branch());
            for (int j = 0; j < size; j++) {
                int image = (int) ((start + j) / pointsPerImage);
                consumer.accept(
                        image,
                        (int) ((start + j) % pointsPerImage),
                        result.gradient().get(NDArrayIndex.point(j)));
            }
        }
    }

    /** Returns the gradient at each input image itself, [N, C, H, W], in batches of at most the maximum size. */
    static INDArray atInput(Model model, INDArray input, SaliencyTarget target, SaliencyContext context) {
        INDArray gradients = Nd4j.create(DataType.FLOAT, input.shape());
        INDArray images = input.castTo(DataType.FLOAT);
        evaluate(
                model,
                input,
                target,
                1,
                context,
                (image, point) -> images.get(NDArrayIndex.point(image)),
                (image, point, gradient) ->
                        gradients.get(NDArrayIndex.point(image)).assign(gradient));
        return gradients;
    }

    /**
     * Returns the weighted logits {@code sum(weights * logits)} per image, [N], in batches of at most the maximum
     * size.
     */
    static double[] scores(Model model, INDArray input, SaliencyTarget target, SaliencyContext context) {
        double[] scores = new double[(int) input.size(0)];
        INDArray weights = target.classWeights().castTo(DataType.DOUBLE);
        for (long start = 0; start < scores.length; start += context.maxBatchSize()) {
            context.checkCanceled();
            long end = Math.min(scores.length, start + context.maxBatchSize());
            INDArray logits = model.logits(
                            input.get(NDArrayIndex.interval(start, end)).castTo(DataType.FLOAT), target.branch())
                    .castTo(DataType.DOUBLE);
            INDArray weighted =
                    logits.mul(weights.get(NDArrayIndex.interval(start, end))).sum(1);
            for (long i = start; i < end; i++) {
                scores[(int) i] = weighted.getDouble(i - start);
            }
        }
        return scores;
    }
}
