package org.robustlab.saliency.gradient;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * Integrated Gradients (Sundararajan, Taly and Yan, "Axiomatic Attribution for Deep Networks", ICML 2017): the
 * attribution of pixel {@code i} is {@code (x_i - x'_i)} times the integral over {@code alpha} in [0, 1] of the
 * gradient at {@code x' + alpha (x - x')}, where {@code x'} is the baseline and the score is the target's weighted
 * logits. The integral is approximated by a quadrature rule; the path points of all images are evaluated in
 * batches of at most {@link SaliencyContext#maxBatchSize()}.
 *
 * <p>By completeness, the attributions of an image sum to {@code f(x) - f(x')}. The details report, per image,
 * {@code scoreDifference} = {@code f(x) - f(x')} and {@code completenessError} = sum of attributions minus that
 * difference, a measure of the quadrature error: increase the steps when it is large against the difference.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "integrated-gradients",
        label = "Integrated Gradients",
        description = "Path integral of gradients from a baseline (Sundararajan et al. 2017); reports the"
                + " completeness error per image; path points evaluated in batches.")
public final class IntegratedGradientsSaliency implements SaliencyMethod<IntegratedGradientsSaliency.Parameters> {

    /**
     * Parameters of Integrated Gradients.
     *
     * @param steps number of gradient evaluations along the path per image
     * @param rule the quadrature rule
     * @param baseline the starting point of the path
     * @param channels how the per-channel attribution becomes one map per image
     */
    public record Parameters(
            @Parameter(description = "Number of gradient evaluations along the path per image", min = 1, max = 10_000)
            int steps,

            @Parameter(description = "Quadrature rule for the path integral")
            IntegrationRule rule,

            @Parameter(description = "Starting point of the path")
            Baseline baseline,

            @Parameter(description = "How the attributions of the input channels combine into one map")
            ChannelReduction channels) {

        public Parameters {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(channels, "channels");
            if (steps < 1 || (rule == IntegrationRule.TRAPEZOID && steps < 2)) {
                throw new IllegalArgumentException("steps must be >= " + (rule == IntegrationRule.TRAPEZOID ? 2 : 1)
                        + " for rule " + rule + ", got " + steps);
            }
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(50, IntegrationRule.GAUSS_LEGENDRE, Baseline.ZERO, ChannelReduction.SUM);
    }

    @Override
    public SaliencyResult explain(
            Model model, INDArray input, SaliencyTarget target, Parameters parameters, SaliencyContext context) {
        target.validate(input, model.spec().outputs());
        INDArray images = input.castTo(DataType.FLOAT);
        INDArray baselines = parameters.baseline().create(images);
        INDArray differences = images.sub(baselines);
        double[][] nodes = parameters.rule().nodes(parameters.steps());
        INDArray integrals = Nd4j.zeros(DataType.FLOAT, images.shape());
        SampledGradients.evaluate(
                model,
                images,
                target,
                parameters.steps(),
                context,
                (image, step) -> baselines
                        .get(NDArrayIndex.point(image))
                        .add(differences.get(NDArrayIndex.point(image)).mul(nodes[0][step])),
                (image, step, gradient) ->
                        integrals.get(NDArrayIndex.point(image)).addi(gradient.mul(nodes[1][step])));
        INDArray attribution = integrals.muli(differences);

        double[] scoreDifference = subtract(
                SampledGradients.scores(model, images, target, context),
                SampledGradients.scores(model, baselines, target, context));
        double[] completenessError = new double[scoreDifference.length];
        for (int i = 0; i < scoreDifference.length; i++) {
            double total = attribution
                    .get(NDArrayIndex.point(i))
                    .castTo(DataType.DOUBLE)
                    .sumNumber()
                    .doubleValue();
            completenessError[i] = total - scoreDifference[i];
        }
        return new SaliencyResult(
                parameters.channels().reduce(attribution),
                Map.of("scoreDifference", scoreDifference, "completenessError", completenessError));
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] difference = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            difference[i] = a[i] - b[i];
        }
        return difference;
    }
}
