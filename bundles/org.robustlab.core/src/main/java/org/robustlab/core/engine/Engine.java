package org.robustlab.core.engine;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.model.NetworkSpec;

/**
 * A deep-learning engine: compiles engine-neutral network specifications into its own graphs and runs them.
 *
 * <p>Arrays cross the engine boundary as ND4J {@link INDArray}s in float32, NCHW, with parameters in PyTorch's
 * layouts (see {@link NetworkSpec#parameters()}); the engine converts at its edge. Engines are contributions:
 * register an implementation as a Declarative Services component with
 * {@link org.robustlab.core.contribution.ContributionMetadata}.
 */
public interface Engine {

    /** Returns the engine's library, version and compute device. */
    EngineInfo info();

    /**
     * Compiles {@code spec} with the given parameters and buffers.
     *
     * @param parameters one array per entry of {@link NetworkSpec#parameters()}, of that shape; the engine
     *     copies them, so later changes to the map do not reach the model
     * @throws IllegalArgumentException when an entry is missing, has the wrong shape or there are extra ones
     */
    Model create(NetworkSpec spec, Map<String, INDArray> parameters);

    /** Compiles {@code spec} with parameters from {@link ParameterInitializer} for this seed. */
    default Model create(NetworkSpec spec, long seed) {
        return create(spec, ParameterInitializer.initialize(spec, seed));
    }
}
