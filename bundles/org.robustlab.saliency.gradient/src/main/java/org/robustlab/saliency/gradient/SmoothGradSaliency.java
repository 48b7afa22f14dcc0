package org.robustlab.saliency.gradient;

import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * SmoothGrad: the input gradient averaged over copies of the image with Gaussian noise added (Smilkov et al.,
 * "SmoothGrad: removing noise by adding noise", arXiv:1706.03825, 2017).
 *
 * <p>The noise level is relative to the image's own value range, as the paper defines it: the noise standard
 * deviation is {@code sigma = noiseLevel * (max - min)} of each image, so the same level gives the same relative
 * noise on raw 12-bit values and on images scaled to [0, 1]. Noisy copies are not clipped to the valid range.
 * The copies of all images are evaluated in batches of at most {@link SaliencyContext#maxBatchSize()}. The noise
 * comes from {@link Random} seeded with the context's seed and is drawn image by image, so an image's map depends
 * on its position in the batch but not on the batch size. The details record {@code sigma} per image.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "smoothgrad",
        label = "SmoothGrad",
        description = "Input gradient averaged over noisy copies (Smilkov et al. 2017); noise sigma = level x (max -"
                + " min) of each image; samples evaluated in batches.")
public final class SmoothGradSaliency implements SaliencyMethod<SmoothGradSaliency.Parameters> {

    /**
     * Parameters of SmoothGrad.
     *
     * @param samples number of noisy copies per image
     * @param noiseLevel noise standard deviation as a fraction of the image's value range; Smilkov et al. found
     *     0.1 to 0.2 best
     * @param squared whether to average the squared maps (SmoothGrad-Squared, Hooker et al., NeurIPS 2019), which
     *     gives an unsigned map, instead of the gradients
     * @param channels how the per-channel gradient becomes one map per image
     */
    public record Parameters(
            @Parameter(description = "Number of noisy copies per image", min = 1, max = 100_000)
            int samples,

            @Parameter(
                    description = "Noise standard deviation as a fraction of each image's value range (max -" + " min)",
                    min = 0,
                    max = 10)
            double noiseLevel,

            @Parameter(description = "Average the squared maps (SmoothGrad-Squared) instead of the gradients")
            boolean squared,

            @Parameter(description = "How the gradients of the input channels combine into one map")
            ChannelReduction channels) {

        public Parameters {
            if (samples < 1) {
                throw new IllegalArgumentException("samples must be >= 1, got " + samples);
            }
            if (!(noiseLevel >= 0) || Double.isInfinite(noiseLevel)) {
                throw new IllegalArgumentException("noiseLevel must be finite and >= 0, got " + noiseLevel);
            }
            Objects.requireNonNull(channels, "channels");
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(50, 0.15, false, ChannelReduction.SUM);
    }

    @Override
    public SaliencyResult explain(
            Model model, INDArray input, SaliencyTarget target, Parameters parameters, SaliencyContext context) {
        target.validate(input, model.spec().outputs());
        INDArray images = input.castTo(DataType.FLOAT);
        int count = (int) images.size(0);
        double[] sigmas = new double[count];
        for (int i = 0; i < count; i++) {
            INDArray image = images.get(NDArrayIndex.point(i));
            sigmas[i] = parameters.noiseLevel()
                    * (image.maxNumber().doubleValue() - image.minNumber().doubleValue());
        }
        Random random = new Random(context.seed());
        long[] imageShape = {images.size(1), images.size(2), images.size(3)};
        INDArray sums = Nd4j.zeros(DataType.FLOAT, count, images.size(2), images.size(3));
        INDArray gradientSums = Nd4j.zeros(DataType.FLOAT, images.shape());
        SampledGradients.evaluate(
                model,
                images,
                target,
                parameters.samples(),
                context,
                (image, sample) -> images.get(NDArrayIndex.point(image)).add(noise(random, imageShape, sigmas[image])),
                (image, sample, gradient) -> {
                    if (parameters.squared()) {
                        INDArray map = parameters
                                .channels()
                                .reduce(gradient.reshape(1, imageShape[0], imageShape[1], imageShape[2]));
                        sums.get(NDArrayIndex.point(image)).addi(map.muli(map).reshape(imageShape[1], imageShape[2]));
                    } else {
                        gradientSums.get(NDArrayIndex.point(image)).addi(gradient);
                    }
                });
        INDArray maps = parameters.squared() ? sums : parameters.channels().reduce(gradientSums);
        return new SaliencyResult(maps.divi(parameters.samples()), Map.of("sigma", sigmas));
    }

    private static INDArray noise(Random random, long[] shape, double sigma) {
        float[] values = new float[(int) (shape[0] * shape[1] * shape[2])];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return Nd4j.createFromArray(values).reshape(shape);
    }
}
