package org.robustlab.ui.evaluation;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link EvaluationView}s. */
public interface EvaluationViews extends ContributionRegistry<EvaluationView> {}
