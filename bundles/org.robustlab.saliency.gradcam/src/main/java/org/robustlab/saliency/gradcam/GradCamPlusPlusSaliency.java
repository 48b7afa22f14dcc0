package org.robustlab.saliency.gradcam;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.osgi.service.component.annotations.Component;
import org.robustlab.core.contribution.ContributionMetadata;
import org.robustlab.core.engine.Model;
import org.robustlab.core.saliency.SaliencyContext;
import org.robustlab.core.saliency.SaliencyMethod;
import org.robustlab.core.saliency.SaliencyResult;
import org.robustlab.core.saliency.SaliencyTarget;

/**
 * Grad-CAM++ (Chattopadhay et al., "Grad-CAM++: Generalized Gradient-Based Visual Explanations for Deep
 * Convolutional Networks", WACV 2018): like Grad-CAM, but channel {@code k} gets the weight {@code sum_ij a_kij
 * relu(g_kij)} with {@code a_kij = g^2 / (2 g^2 + sum_ab A_kab g^3)}, where {@code g} is the gradient of the
 * target's weighted logits {@code S} with respect to the layer output {@code A}. This is the paper's closed form
 * for an exponential of the score (its equation 19), which needs only first derivatives; {@code a} is 0 where the
 * denominator is 0. The sum of channels passes through a ReLU and is upsampled as in Grad-CAM.
 */
@Component(service = SaliencyMethod.class)
@ContributionMetadata(
        id = "grad-cam-plus-plus",
        label = "Grad-CAM++",
        description = "Grad-CAM with pixel-wise weighting of positive gradients (Chattopadhay et al. 2018), closed"
                + " form for an exponential score; ReLU, bilinear upsampling.")
public final class GradCamPlusPlusSaliency implements SaliencyMethod<CamParameters> {

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
        return ClassActivationMaps.explain(model, input, target, parameters, context, GradCamPlusPlusSaliency::weights);
    }

    /** Returns the Grad-CAM++ channel weights, [N, K]. */
    static INDArray weights(INDArray activation, INDArray gradient) {
        long[] shape = activation.shape();
        INDArray g = gradient.castTo(DataType.DOUBLE);
        INDArray squares = g.mul(g);
        INDArray cubes = squares.mul(g);
        INDArray activationSums = activation
                .castTo(DataType.DOUBLE)
                .sum(2, 3)
                .reshape(shape[0], shape[1], 1, 1)
                .broadcast(shape);
        INDArray denominator = squares.mul(2).addi(cubes.muli(activationSums));
        INDArray nonZero = denominator.neq(0).castTo(DataType.DOUBLE);
        // The denominator g^2 (2 + g sum A) is 0 where g is 0, and then so is the numerator; where g sum A is
        // exactly -2 the weight is unbounded. Both cases get a = 0.
        INDArray safe = denominator.add(nonZero.rsub(1));
        INDArray alphas = squares.div(safe).muli(nonZero);
        INDArray positive = Transforms.relu(g, true);
        return alphas.muli(positive).sum(2, 3).castTo(DataType.FLOAT);
    }
}
