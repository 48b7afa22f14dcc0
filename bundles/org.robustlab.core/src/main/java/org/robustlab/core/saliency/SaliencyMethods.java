package org.robustlab.core.saliency;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link SaliencyMethod}s. */
public interface SaliencyMethods extends ContributionRegistry<SaliencyMethod<?>> {}
