package org.robustlab.core.data;

import org.robustlab.core.contribution.ContributionRegistry;

/** Registry of the installed {@link DatasetImporter}s. */
public interface DatasetImporters extends ContributionRegistry<DatasetImporter<?>> {}
