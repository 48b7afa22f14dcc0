package org.robustlab.core.saliency;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.contribution.Configurable;
import org.robustlab.core.engine.Model;

/**
 * A saliency (attribution) method contribution.
 *
 * <p>Contract, checked by the contract tests of {@code org.robustlab.testing}: the map has the input's batch
 * size, height and width; it is finite; a map that is zero everywhere is returned as zeros and flagged empty,
 * never divided by zero; the model is used only through its inference-mode methods.
 *
 * @param <P> the method's parameter record
 */
public interface SaliencyMethod<P extends Record> extends Configurable<P> {

    /**
     * Computes one raw (unnormalised) map per image.
     *
     * @param model the model to explain
     * @param input images [N, C, H, W]
     * @param target the class weights to explain and the batch-norm branch to explain through
     * @param parameters the method's parameters
     * @param context seed and progress monitor
     */
    SaliencyResult explain(Model model, INDArray input, SaliencyTarget target, P parameters, SaliencyContext context);
}
