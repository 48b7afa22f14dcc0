package org.robustlab.core.data;

import java.nio.file.Path;
import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Where to import from and how to preprocess.
 *
 * @param source the file or folder in the importer's layout
 * @param cacheDirectory root of the tensor cache; the importer writes under a folder named by content hash
 * @param height target image height in pixels
 * @param width target image width in pixels
 * @param channels target channels: 1 for grey (colour converted by luminance), 3 for RGB
 * @param seed seed of the split
 * @param validationFraction fraction of groups for validation
 * @param testFraction fraction of groups for testing
 * @param monitor progress and cancellation
 */
public record ImportRequest(
        Path source,
        Path cacheDirectory,
        int height,
        int width,
        int channels,
        long seed,
        double validationFraction,
        double testFraction,
        IProgressMonitor monitor) {

    public ImportRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        if (height <= 0 || width <= 0 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "Need height, width > 0 and 1 or 3 channels, got " + height + ", " + width + ", " + channels);
        }
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validationFraction and testFraction must be >= 0 and sum to < 1, got "
                    + validationFraction + " and " + testFraction);
        }
        monitor = monitor == null ? new NullProgressMonitor() : monitor;
    }
}
