package org.robustlab.training.modes;

import java.util.Objects;
import java.util.Random;

import org.eclipse.core.runtime.OperationCanceledException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.attack.Norm;
import org.robustlab.core.attack.Perturbations;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.LossTerm;
import org.robustlab.core.engine.Model;
import org.robustlab.core.engine.Objective;
import org.robustlab.core.engine.TrainingBatch;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.Head;
import org.robustlab.core.model.Normalization;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.training.Batch;
import org.robustlab.core.training.TrainingMode;
import org.robustlab.core.training.TrainingModeContext;

/**
 * TRADES (Zhang et al. 2019): the loss is {@code CE(f(x), y) + beta * KL(softmax f(x) || softmax f(x'))}, where
 * {@code x'} maximises the KL term inside the epsilon ball. The inner maximisation starts at {@code x} plus Gaussian
 * noise of standard deviation {@code startStd}, projected onto the ball and clipped to the valid range before the
 * first gradient, and takes signed (L-infinity) or unit-L2 gradient steps on the KL divergence from the clean
 * prediction, in inference mode. Softmax heads only, single batch norm.
 *
 * @see <a href="https://arxiv.org/abs/1901.08573">Zhang, Yu, Jiao, Xing, El Ghaoui and Jordan, Theoretically
 *     principled trade-off between robustness and accuracy, ICML 2019</a>
 */
@Component(service = TrainingMode.class)
@ContributionMetadata(
        id = "trades",
        label = "TRADES",
        description = "TRADES (Zhang et al. 2019): clean cross-entropy plus beta times the KL divergence to the"
                + " prediction on a KL-maximising perturbation; softmax heads, single batch norm.")
public final class TradesTraining implements TrainingMode<TradesTraining.Parameters> {

    /**
     * Parameters of TRADES.
     *
     * @param beta weight of the KL term; 6 in the paper's CIFAR-10 experiments
     * @param norm L-infinity or L2 ball of the inner maximisation
     * @param epsilon radius of that ball, in input units
     * @param stepSize length of each inner step
     * @param iterations number of inner steps
     * @param startStd standard deviation of the Gaussian start around the clean image; 0.001 in the paper's code
     */
    public record Parameters(
            @Parameter(description = "Weight of the KL term", min = 0)
            double beta,

            @Parameter(description = "Norm of the inner maximisation: l-infinity or l2")
            Norm norm,

            @Parameter(description = "Radius of the ball of the inner maximisation", unit = "input units", min = 0)
            double epsilon,

            @Parameter(description = "Length of each inner step", unit = "input units", min = 0)
            double stepSize,

            @Parameter(description = "Number of inner steps", min = 1)
            int iterations,

            @Parameter(description = "Standard deviation of the Gaussian start", unit = "input units", min = 0)
            double startStd) {

        public Parameters {
            Objects.requireNonNull(norm, "norm");
            if (norm == Norm.UNBOUNDED) {
                throw new IllegalArgumentException("norm must be l-infinity or l2, got unbounded");
            }
            for (double value : new double[] {beta, epsilon, stepSize, startStd}) {
                if (!(value >= 0) || !Double.isFinite(value)) {
                    throw new IllegalArgumentException("beta, epsilon, stepSize and startStd must be finite and >= 0,"
                            + " got " + beta + ", " + epsilon + ", " + stepSize + ", " + startStd);
                }
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    /** Returns beta 6 with the PGD budget of Han et al. (2021): L-infinity 0.005, step 0.0025, 10 steps. */
    @Override
    public Parameters defaultParameters() {
        return new Parameters(6, Norm.L_INFINITY, 0.005, 0.0025, 10, 0.001);
    }

    @Override
    public Normalization normalization(Parameters parameters) {
        return Normalization.SINGLE;
    }

    @Override
    public TrainingBatch prepare(Model model, Batch batch, Parameters parameters, TrainingModeContext context) {
        AdversarialExamples.requireNormalization(model, Normalization.SINGLE, "trades");
        if (model.spec().head() != Head.SOFTMAX) {
            throw new IllegalArgumentException("TRADES needs a softmax head; this model has a sigmoid head");
        }
        INDArray clean = batch.inputs();
        INDArray reference = softmax(model.logits(clean, Branch.CLEAN));
        Objective divergence = new Objective.Divergence(reference);

        INDArray adversarial = start(clean, parameters, context);
        for (int iteration = 0; iteration < parameters.iterations(); iteration++) {
            if (context.monitor().isCanceled()) {
                throw new OperationCanceledException();
            }
            INDArray gradient =
                    model.inputGradient(adversarial, divergence, Branch.CLEAN).gradient();
            INDArray direction = parameters.norm() == Norm.L_INFINITY
                    ? Perturbations.sign(gradient)
                    : Perturbations.unitL2(gradient);
            adversarial = Perturbations.projectAndClip(
                    clean,
                    adversarial.add(direction.muli(parameters.stepSize())),
                    parameters.norm(),
                    parameters.epsilon(),
                    context.minValue(),
                    context.maxValue());
        }
        LossTerm term = new LossTerm(
                LossTerm.Kind.TRADES,
                adversarial,
                batch.labels(),
                batch.labelMask(),
                clean,
                Branch.CLEAN,
                1,
                parameters.beta());
        return TrainingBatch.of(term);
    }

    /** Returns the clean images plus Gaussian noise, projected onto the ball and clipped to the valid range. */
    private static INDArray start(INDArray clean, Parameters parameters, TrainingModeContext context) {
        Random random = context.random();
        float[] noise = new float[Math.toIntExact(clean.length())];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextGaussian() * parameters.startStd());
        }
        INDArray candidate = clean.add(Nd4j.create(noise, clean.shape(), 'c').castTo(clean.dataType()));
        return Perturbations.projectAndClip(
                clean, candidate, parameters.norm(), parameters.epsilon(), context.minValue(), context.maxValue());
    }

    /** Returns the row-wise softmax of logits [N, K], computed in float64 with the maximum subtracted. */
    static INDArray softmax(INDArray logits) {
        INDArray z = logits.castTo(DataType.DOUBLE);
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray exp = Transforms.exp(shifted, false);
        return exp.divColumnVector(exp.sum(true, 1)).castTo(DataType.FLOAT);
    }
}
