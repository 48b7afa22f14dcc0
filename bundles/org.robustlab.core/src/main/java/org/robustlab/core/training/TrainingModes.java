package org.robustlab.core.training;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link TrainingMode}s. */
public interface TrainingModes extends ContributionRegistry<TrainingMode<?>> {}
