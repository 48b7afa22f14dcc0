package org.robustlab.saliency.gradient;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
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
 * Gradient times input: the input gradient of the target's weighted logits multiplied element-wise by the input
 * (Shrikumar et al., "Not Just a Black Box", arXiv:1605.01713, 2016). For a linear model it is each pixel's
 * contribution to the score. The map is signed and depends on where the input's zero lies: a pixel of value 0
 * never gets attribution.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "gradient-input",
        label = "Gradient x input",
        description = "Input gradient of the weighted logits times the input (Shrikumar et al. 2016); signed, zero"
                + " wherever the input is zero.")
public final class GradientInputSaliency implements SaliencyMethod<GradientInputSaliency.Parameters> {

    /**
     * Parameters of gradient times input.
     *
     * @param channels how the per-channel attribution becomes one map per image
     */
    public record Parameters(
            @Parameter(description = "How the attributions of the input channels combine into one map")
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
        INDArray attribution = gradients.muli(input.castTo(DataType.FLOAT));
        return new SaliencyResult(parameters.channels().reduce(attribution), Map.of());
    }
}
