package org.robustlab.core.model;

import org.robustlab.core.contribution.Configurable;

/**
 * A network architecture contribution. It describes its network as an engine-neutral {@link NetworkSpec}, which
 * every engine can compile.
 *
 * @param <P> the architecture's parameter record (depth, widths, stem options)
 */
public interface ModelArchitecture<P extends Record> extends Configurable<P> {

    /**
     * Builds the specification for inputs and outputs of the given shape.
     *
     * @throws IllegalArgumentException when the architecture cannot fit the shape, for example an input smaller
     *     than its total stride
     */
    NetworkSpec build(NetworkShape shape, P parameters);
}
