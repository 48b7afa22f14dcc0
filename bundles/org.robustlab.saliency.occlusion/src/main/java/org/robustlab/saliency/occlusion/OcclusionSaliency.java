package org.robustlab.saliency.occlusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.saliency.Baseline;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * Occlusion (Zeiler and Fergus, "Visualizing and Understanding Convolutional Networks", ECCV 2014): a square
 * window slides over the image, its pixels in every channel are replaced by the baseline, and the drop of the
 * target's weighted logits {@code S(x) - S(occluded)} is credited to every pixel of the window. A pixel's value is
 * the mean drop over the windows that cover it, so the map is signed and in logit units.
 *
 * <p>Windows start every {@code stride} pixels from the top-left corner; when the last one does not reach the
 * bottom or right edge, one more window is placed flush with that edge, so every pixel is covered. A window larger
 * than the image is shrunk to it. The occluded copies of all images are evaluated in batches of at most {@link
 * SaliencyContext#maxBatchSize()}: one forward pass per window position and image, no gradients.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "occlusion",
        label = "Occlusion",
        description = "Drop of the weighted logits when a sliding window is replaced by a baseline (Zeiler and"
                + " Fergus 2014); one forward pass per window position, batched.")
public final class OcclusionSaliency implements SaliencyMethod<OcclusionSaliency.Parameters> {

    /**
     * Parameters of occlusion.
     *
     * @param window the side of the square window
     * @param stride the distance between window positions
     * @param baseline what replaces the occluded pixels
     */
    public record Parameters(
            @Parameter(description = "Side of the square occlusion window", unit = "pixels", min = 1, max = 100_000)
            int window,

            @Parameter(description = "Distance between window positions", unit = "pixels", min = 1, max = 100_000)
            int stride,

            @Parameter(description = "What replaces the occluded pixels")
            Baseline baseline) {

        public Parameters {
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + window);
            }
            if (stride < 1) {
                throw new IllegalArgumentException("stride must be >= 1, got " + stride);
            }
            Objects.requireNonNull(baseline, "baseline");
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(16, 8, Baseline.ZERO);
    }

    @Override
    public SaliencyResult explain(
            Model model, INDArray input, SaliencyTarget target, Parameters parameters, SaliencyContext context) {
        target.validate(input, model.spec().outputs());
        INDArray images = input.castTo(DataType.FLOAT);
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        int windowHeight = Math.min(parameters.window(), height);
        int windowWidth = Math.min(parameters.window(), width);
        List<int[]> windows = new ArrayList<>();
        for (int row : starts(height, windowHeight, parameters.stride())) {
            for (int column : starts(width, windowWidth, parameters.stride())) {
                windows.add(new int[] {row, column, row + windowHeight, column + windowWidth});
            }
        }
        INDArray baselines = parameters.baseline().create(images);
        double[] clean = scores(model, images, target, context);
        double[][] drops = new double[(int) images.size(0)][windows.size()];
        OccludedScores occluded = new OccludedScores(model, images, baselines, target, windows, context);
        occluded.evaluate((image, position, score) -> drops[image][position] = clean[image] - score);
        return new SaliencyResult(spread(drops, windows, height, width), Map.of("windowPositions", windows.size()));
    }

    /** Returns the window start positions along one axis, the last one flush with the edge. */
    static List<Integer> starts(int size, int window, int stride) {
        List<Integer> starts = new ArrayList<>();
        for (int start = 0; start + window <= size; start += stride) {
            starts.add(start);
        }
        if (starts.get(starts.size() - 1) + window < size) {
            starts.add(size - window);
        }
        return starts;
    }

    /** Returns per pixel the mean drop over the windows that cover it, [N, H, W]. */
    private static INDArray spread(double[][] drops, List<int[]> windows, int height, int width) {
        double[] maps = new double[drops.length * height * width];
        int[] coverage = new int[height * width];
        for (int[] window : windows) {
            for (int y = window[0]; y < window[2]; y++) {
                for (int x = window[1]; x < window[3]; x++) {
                    coverage[y * width + x]++;
                }
            }
        }
        for (int n = 0; n < drops.length; n++) {
            for (int w = 0; w < windows.size(); w++) {
                int[] window = windows.get(w);
                for (int y = window[0]; y < window[2]; y++) {
                    for (int x = window[1]; x < window[3]; x++) {
                        maps[(n * height + y) * width + x] += drops[n][w] / coverage[y * width + x];
                    }
                }
            }
        }
        return Nd4j.createFromArray(maps)
                .reshape('c', drops.length, height, width)
                .castTo(DataType.FLOAT);
    }

    private static double[] scores(Model model, INDArray images, SaliencyTarget target, SaliencyContext context) {
        double[] scores = new double[(int) images.size(0)];
        INDArray weights = target.classWeights().castTo(DataType.DOUBLE);
        for (long start = 0; start < scores.length; start += context.maxBatchSize()) {
            context.checkCanceled();
            long end = Math.min(scores.length, start + context.maxBatchSize());
            INDArrayIndex rows = NDArrayIndex.interval(start, end);
            INDArray logits = model.logits(images.get(rows), target.branch()).castTo(DataType.DOUBLE);
            INDArray weighted = logits.mul(weights.get(rows)).sum(1);
            for (long i = start; i < end; i++) {
                scores[(int) i] = weighted.getDouble(i - start);
            }
        }
        return scores;
    }
}
