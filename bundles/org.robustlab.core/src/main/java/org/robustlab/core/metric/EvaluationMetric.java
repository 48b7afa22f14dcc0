package org.robustlab.core.metric;

import org.eclipse.core.runtime.IProgressMonitor;
import org.robustlab.core.contribution.Configurable;

/**
 * An evaluation metric contribution: classification quality, robustness, or saliency quality.
 *
 * @param <P> the metric's parameter record
 */
public interface EvaluationMetric<P extends Record> extends Configurable<P> {

    /** Returns what the metric reads from its input, so a runner can skip it with a reason when data is missing. */
    java.util.Set<EvaluationInput.Requirement> requirements();

    /**
     * Computes the metric.
     *
     * @throws IllegalArgumentException when the input lacks something in {@link #requirements()}
     */
    MetricResult evaluate(EvaluationInput input, P parameters, IProgressMonitor monitor);
}
