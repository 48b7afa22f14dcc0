package org.robustlab.saliency.gradient;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.robustlab.core.parameter.Parameter;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * The vanilla gradient map: the gradient of the target's weighted logits with respect to the input pixels, in
 * inference mode (Simonyan, Vedaldi and Zisserman, "Deep Inside Convolutional Networks", ICLR Workshop 2014).
 * With the label vector as weights this is the map of Han et al. (Nature Communications 12, 4315, 2021). The map
 * is signed; one gradient pass per batch of images.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "vanilla-gradient",
        label = "Vanilla gradient",
        description = "Gradient of the weighted logits with respect to the input (Simonyan et al. 2014); signed,"
                + " one gradient pass per image.")
public final class VanillaGradientSaliency implements SaliencyMethod<VanillaGradientSaliency.Parameters> {

    /**
     * Parameters of the vanilla gradient.
     *
     * @param channels how the per-channel gradient becomes one map per image
     */
    public record Parameters(
            @Parameter(description = "How the gradients of the input channels combine into one map")
            ChannelReduction channels) {

        public Parameters {
            java.util.Objects.requireNonNull(channels, "channels");
        }
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public Parameters defaultParameters() {
        return new Parameters(ChannelReduction.SUM);
    }

    @Override
    public SaliencyResult explain(
            Model model, INDArray input, SaliencyTarget target, Parameters parameters, SaliencyContext context) {
        target.validate(input, model.spec().outputs());
        INDArray gradients = SampledGradients.atInput(model, input, target, context);
        return new SaliencyResult(parameters.channels().reduce(gradients), Map.of());
    }
}
