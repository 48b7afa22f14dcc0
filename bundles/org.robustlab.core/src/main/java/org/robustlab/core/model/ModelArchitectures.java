package org.robustlab.core.model;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link ModelArchitecture}s. */
public interface ModelArchitectures extends ContributionRegistry<ModelArchitecture<?>> {}
