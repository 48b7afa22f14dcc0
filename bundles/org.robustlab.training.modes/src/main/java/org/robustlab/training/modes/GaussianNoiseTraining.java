package org.robustlab.training.modes;

import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;

/**
 * Gaussian-noise augmentation, the non-adversarial baseline: the head's loss on images plus zero-mean Gaussian noise
 * with standard deviation {@code noiseLevel * (maxValue - minValue)}, clipped to the valid range, through the single
 * batch norm. The noise has mean zero; the baseline in the code of Han et al. passes 0.5 as the mean, which shifts
 * every image by half the range.
 */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "gaussian",
        label = "Gaussian noise",
        description = "Noise augmentation baseline: zero-mean Gaussian noise with a standard deviation relative to the"
                + " input range, clipped to the valid range; single batch norm.")
public final class GaussianNoiseTraining implements TrainingMode<GaussianNoiseTraining.Parameters> {

    /**
     * Parameters of Gaussian-noise training.
     *
     * @param noiseLevel the noise's standard deviation as a fraction of the valid range {@code max - min}
     */
    public record Parameters(
            @Parameter(
                    description = "Standard deviation of the noise as a fraction of the input range",
                    unit = "x (max - min)",
                    min = 0)
            double noiseLevel) {

        public Parameters {
            if (!(noiseLevel >= 0) || !Double.isFinite(noiseLevel)) {
                throw new IllegalArgumentException("noiseLevel must be a finite value >= 0, got " + noiseLevel);
            }
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    /** Returns a standard deviation of 0.005 of the range, the training epsilon of Han et al. (2021). */
    @Override
    public Parameters defaultParameters() {
        return new Parameters(0.005);
    }

    @Override
    public Normalization normalization(Parameters parameters) {
        return Normalization.SINGLE;
    }

    @Override
    public TrainingBatch prepare(Model model, Batch batch, Parameters parameters, TrainingModeContext context) {
        AdversarialExamples.requireNormalization(model, Normalization.SINGLE, "gaussian");
        double sigma = parameters.noiseLevel() * (context.maxValue() - context.minValue());
        INDArray noisy = Perturbations.clip(
                batch.inputs().add(noise(batch.inputs(), sigma, context.random())),
                context.minValue(),
                context.maxValue());
        return TrainingBatch.of(
                LossTerm.supervised(noisy, batch.labels(), Branch.CLEAN, 1).withLabelMask(batch.labelMask()));
    }

    private static INDArray noise(INDArray like, double sigma, Random random) {
        float[] values = new float[Math.toIntExact(like.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return Nd4j.create(values, like.shape(), 'c').castTo(like.dataType());
    }
}
