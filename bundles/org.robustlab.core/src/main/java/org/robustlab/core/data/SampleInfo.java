package org.robustlab.core.data;

import java.util.List;
import java.util.Objects;

/**
 * What a dataset knows about one sample, free of patient identifiers.
 *
 * @param index position of the sample in the dataset
 * @param sampleKey a stable pseudonymous key, for DICOM a hash of the SOP Instance UID
 * @param groupKey a pseudonymous key of the patient (or volume) the sample comes from; samples of one group
 *     always share a split
 * @param split the split the sample belongs to
 * @param labels one value per label: 1 positive, 0 negative, NaN unknown (ignored by the loss)
 * @param boxes ground-truth boxes, possibly empty
 * @param hasMask whether {@link Dataset#mask(int)} returns a mask for this sample
 */
public record SampleInfo(
        int index, String sampleKey, String groupKey, Split split, float[] labels, List<Box> boxes, boolean hasMask) {

    public SampleInfo {
        Objects.requireNonNull(sampleKey, "sampleKey");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(split, "split");
        labels = labels.clone();
        boxes = List.copyOf(boxes);
    }

    @Override
    public float[] labels() {
        return labels.clone();
    }
}
