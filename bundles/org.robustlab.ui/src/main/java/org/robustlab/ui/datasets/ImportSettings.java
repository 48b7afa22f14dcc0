package org.robustlab.ui.datasets;

import java.nio.file.Path;
import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;
import org.robustlab.core.data.ImportRequest;

/**
 * What the import wizard collected: the importer, its bound parameters and the preprocessing of the request.
 *
 * @param importerId id of the dataset importer
 * @param parameters the importer's parameter record
 * @param source the file or folder in the importer's layout
 * @param cacheDirectory root of the tensor cache
 * @param size target height and width in pixels
 * @param channels 1 for grey, 3 for RGB
 * @param seed seed of the split
 * @param validationFraction fraction of groups for validation
 * @param testFraction fraction of groups for testing
 */
public record ImportSettings(
        String importerId,
        Record parameters,
        Path source,
        Path cacheDirectory,
        int size,
        int channels,
        long seed,
        double validationFraction,
        double testFraction) {

    public ImportSettings {
        Objects.requireNonNull(importerId, "importerId");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    }

    /** Returns the import request these settings describe. */
    public ImportRequest request(IProgressMonitor monitor) {
        return new ImportRequest(
                source, cacheDirectory, size, size, channels, seed, validationFraction, testFraction, monitor);
    }
}
