package org.robustlab.core.data;

import java.io.IOException;

import org.robustlab.core.contribution.Configurable;

/**
 * A dataset importer contribution: reads a dataset layout (a DICOM folder, CheXpert's CSV, IDX files, ...)
 * and builds a preprocessed, split, cached {@link Dataset}.
 *
 * <p>Contract: an import is reproducible (same source, parameters and seed give the same content hash); samples
 * of one patient never cross splits; patient identifiers never reach the cache, the manifest or the log;
 * a corrupt file is rejected with {@link DatasetException} naming the file, or skipped with a warning when it
 * is one of many in a folder, and the import reports how many were skipped and why.
 *
 * @param <P> the importer's parameter record
 */
public interface DatasetImporter<P extends Record> extends Configurable<P> {

    /**
     * Imports a dataset.
     *
     * @throws DatasetException when the source is not in this importer's layout or a file is corrupt
     * @throws IOException when reading the source or writing the cache fails
     */
    ImportResult importDataset(ImportRequest request, P parameters) throws IOException;
}
