package org.robustlab.core.attack;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link AttackGenerator}s. */
public interface AttackGenerators extends ContributionRegistry<AttackGenerator<?>> {}
