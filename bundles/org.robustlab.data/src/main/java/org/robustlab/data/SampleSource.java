package org.robustlab.data;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.robustlab.core.data.Box;
import org.robustlab.core.data.Split;

/**
 * One sample as an importer finds it: where its pixels come from, its labels and boxes, and its group.
 *
 * @param file the image file relative to the import source, for messages; several samples may share one file
 * @param sampleKey stable pseudonymous key of the sample
 * @param groupKey pseudonymous key of the patient or volume; samples of one group share a split
 * @param labels one value per label: 1 positive, 0 negative, NaN unknown
 * @param boxes ground-truth boxes in source pixel coordinates, possibly empty
 * @param split the split the layout prescribes, or {@code null} to assign one by group
 * @param loader decodes the pixels when the sample is not in the cache
 */
public record SampleSource(
        String file, String sampleKey, String groupKey, float[] labels, List<Box> boxes, Split split, Loader loader) {

    /** Decodes the pixels of a sample. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Returns the decoded image.
         *
         * @throws org.robustlab.core.data.DatasetException when the file is corrupt or not an image
         * @throws IOException when reading fails
         */
        SourceImage load() throws IOException;
    }

    public SampleSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sampleKey, "sampleKey");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(loader, "loader");
        labels = labels.clone();
        boxes = List.copyOf(boxes);
    }

    @Override
    public float[] labels() {
        return labels.clone();
    }
}
