package org.robustlab.training;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;

/**
 * A test-only training mode: the clean batch through the clean branch and, for dual batch norm, a copy with
 * uniform noise from the context's random source through the adversarial branch. It draws from the run's random
 * source, so resumption tests cover the random state, and it can poison a chosen step with NaN.
 */
public final class NoiseTrainingMode implements TrainingMode<NoiseTrainingMode.Parameters> {

    /**
     * @param dual whether to add the noisy term through the adversarial branch
     * @param noise half-width of the uniform noise
     * @param poisonedStep the step (from 1, counted by this mode instance) whose input becomes NaN, or 0
     */
    public record Parameters(boolean dual, double noise, int poisonedStep) {}

    private int calls;

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(true, 0.1, 0);
    }

    @Override
    public Normalization normalization(Parameters parameters) {
        return parameters.dual() ? Normalization.DUAL : Normalization.SINGLE;
    }

    @Override
    public TrainingBatch prepare(Model model, Batch batch, Parameters parameters, TrainingModeContext context) {
        calls++;
        INDArray clean = batch.inputs();
        if (calls == parameters.poisonedStep()) {
            // One NaN pixel is enough; multiplying by NaN would not do, because ND4J 1.0.0-M2.1's scalar
            // multiplication by NaN returns 1e-5 instead of NaN.
            clean = clean.dup();
            clean.putScalar(0, Float.NaN);
        }
        LossTerm cleanTerm = LossTerm.supervised(clean, batch.labels(), Branch.CLEAN, 1.0);
        if (!parameters.dual()) {
            return TrainingBatch.of(cleanTerm);
        }
        INDArray noisy = batch.inputs().dup();
        for (long i = 0; i < noisy.length(); i++) {
            double shift = (context.random().nextDouble() * 2 - 1) * parameters.noise();
            noisy.putScalar(i, Math.min(context.maxValue(), Math.max(context.minValue(), noisy.getDouble(i) + shift)));
        }
        return new TrainingBatch(
                List.of(cleanTerm, LossTerm.supervised(noisy, batch.labels(), Branch.ADVERSARIAL, 1.0)), null);
    }
}
