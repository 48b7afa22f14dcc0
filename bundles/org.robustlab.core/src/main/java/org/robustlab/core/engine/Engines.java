package org.robustlab.core.engine;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link Engine}s. */
public interface Engines extends ContributionRegistry<Engine> {}
