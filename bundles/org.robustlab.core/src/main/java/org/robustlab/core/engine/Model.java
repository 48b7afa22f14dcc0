package org.robustlab.core.engine;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.Branch;
import org.robustlab.core.model.NetworkSpec;

/**
 * A compiled network on one engine. Attacks, saliency methods, metrics and the training loop use models only
 * through this interface, so they run unchanged on every engine.
 *
 * <p>Every method here runs the network in <em>inference mode</em>: batch norm uses the running statistics of
 * the chosen branch, and nothing in the model changes. Only a {@link Trainer} step runs in training mode and
 * updates weights and running statistics. There is no mutable train/eval flag that a caller could leave behind.
 *
 * <p>Inputs are float32 [N, C, H, W]. A model is not safe for concurrent use.
 */
public interface Model extends AutoCloseable {

    /** Returns the specification the model was compiled from. */
    NetworkSpec spec();

    /** Returns the engine that runs this model. */
    EngineInfo engine();

    /** Returns the logits [N, outputs] for {@code input} through {@code branch}. */
    INDArray logits(INDArray input, Branch branch);

    /**
     * Returns the gradient of {@code objective} with respect to {@code input}, through {@code branch}. Weight
     * gradients are not computed.
     */
    GradientResult inputGradient(INDArray input, Objective objective, Branch branch);

    /**
     * Returns the output of {@code layer} and the gradient of {@code objective} with respect to it.
     *
     * @throws IllegalArgumentException when the network has no layer of that name
     */
    LayerGradient layerGradient(INDArray input, String layer, Objective objective, Branch branch);

    /**
     * Returns a copy of every parameter and buffer, keyed as in {@link NetworkSpec#parameters()}, so that
     * {@link Engine#create(NetworkSpec, Map)} on any engine rebuilds the same model.
     */
    Map<String, INDArray> parameters();

    /** Returns a trainer that updates this model's parameters with the given optimizer. */
    Trainer trainer(OptimizerSpec optimizer);

    /** Releases the engine's resources; the model is unusable afterwards. */
    @Override
    void close();
}
