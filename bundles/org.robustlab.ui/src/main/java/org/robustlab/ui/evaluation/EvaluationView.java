package org.robustlab.ui.evaluation;

import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.robustlab.core.metric.MetricResult;

/**
 * An evaluation view contribution: one way of showing metric results (ROC curves with confidence bands,
 * robustness over epsilon, metric tables) inside the workbench's evaluation part. Register an implementation as
 * a Declarative Services component with {@link org.robustlab.core.contribution.ContributionMetadata}; the part
 * offers every view that accepts the results at hand.
 */
public interface EvaluationView {

    /** Returns whether this view can show something of {@code results}. */
    boolean accepts(List<MetricResult> results);

    /**
     * Creates the view's widgets under {@code parent}. Called on the UI thread.
     *
     * @return the top-level control, disposed by the caller when the results change
     */
    Control createControl(Composite parent, List<MetricResult> results);
}
