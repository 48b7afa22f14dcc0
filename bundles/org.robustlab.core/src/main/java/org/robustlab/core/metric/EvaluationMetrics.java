package org.robustlab.core.metric;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link EvaluationMetric}s. */
public interface EvaluationMetrics extends ContributionRegistry<EvaluationMetric<?>> {}
