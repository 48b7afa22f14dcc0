package org.robustlab.core.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to reproduce a dataset and to read its tensors correctly; written as JSON next to the
 * tensor cache. Contains no patient identifiers.
 *
 * @param name dataset name
 * @param importer id of the importer that built it
 * @param task multi-class or multi-label
 * @param labels label or class names, one per model output
 * @param channels channels per image
 * @param height image height after preprocessing, in pixels
 * @param width image width after preprocessing, in pixels
 * @param intensity the intensity convention, for example {@code VOI window W/L mapped linearly to [0, 1]}
 * @param interpolation the resize interpolation, for example {@code bilinear, half-pixel centres}
 * @param seed the seed of the split
 * @param splitCounts number of samples per split
 * @param parameters the importer's effective parameters
 * @param contentHash SHA-256 over the source files and parameters: equal hashes mean equal tensors
 */
public record DatasetManifest(
        String name,
        String importer,
        TaskType task,
        List<String> labels,
        int channels,
        int height,
        int width,
        String intensity,
        String interpolation,
        long seed,
        Map<Split, Integer> splitCounts,
        Map<String, Object> parameters,
        String contentHash) {

    public DatasetManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        labels = List.copyOf(labels);
        splitCounts = Map.copyOf(splitCounts);
        parameters = Map.copyOf(parameters);
    }
}
