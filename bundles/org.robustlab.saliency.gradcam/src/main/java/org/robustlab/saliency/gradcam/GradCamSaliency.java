package org.robustlab.saliency.gradcam;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based Localization",
 * ICCV 2017): the channels of a convolutional layer's output {@code A} are weighted by the spatial mean of the
 * gradient of the target's weighted logits, {@code alpha_k = mean_ij dS/dA_kij}, summed, passed through a ReLU and
 * upsampled bilinearly to the input size with half-pixel centres.
 *
 * <p>A map whose weighted sum is negative everywhere is all zero after the ReLU; it is returned as zeros and
 * {@link SaliencyResult#empty()} flags it. The details record the {@code layer} used and the feature-map size.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "grad-cam",
        label = "Grad-CAM",
        description = "Gradient-weighted class activation map of a convolutional layer (Selvaraju et al. 2017),"
                + " default the network's last convolutional block; ReLU, bilinear upsampling.")
public final class GradCamSaliency implements SaliencyMethod<CamParameters> {

    @Override
    public Class<CamParameters> parameterType() {
        return CamParameters.class;
    }

    @Override
    public CamParameters defaultParameters() {
        return CamParameters.DEFAULT;
    }

    @Override
    public SaliencyResult explain(
            Model model, INDArray input, SaliencyTarget target, CamParameters parameters, SaliencyContext context) {
        return ClassActivationMaps.explain(model, input, target, parameters, context, GradCamSaliency::weights);
    }

    /** Returns the spatial means of the gradient, [N, K]. */
    static INDArray weights(INDArray activation, INDArray gradient) {
        return gradient.mean(2, 3);
    }
}
