package org.robustlab.experiment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The dataset of an experiment.
 *
 * @param importer the dataset importer and its parameters
 * @param source the file or folder to import, with environment variables expanded and resolved against the
 *     experiment file's folder
 * @param sourceText the source as written in the file, for the effective configuration
 * @param image the image size after preprocessing
 * @param split the validation and test fractions
 */
public record DatasetSection(
        ContributionChoice importer, Path source, String sourceText, ImageSettings image, SplitSettings split) {

    public DatasetSection {
        Objects.requireNonNull(importer, "importer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(split, "split");
    }
}
