package org.robustlab.data.lesion.internal;

import java.util.Objects;

/**
 * A stack of slices in modality values (Hounsfield units for CT, scanner units for MR), with x fastest.
 *
 * @param group the split group: slices of one group always share a split
 * @param name a short name for messages and the manifest
 * @param modality {@code CT} or {@code MR}
 * @param depth number of slices
 * @param height rows per slice
 * @param width columns per slice
 * @param values {@code depth * height * width} values, slice by slice, row by row
 */
public record Volume(String group, String name, String modality, int depth, int height, int width, float[] values) {

    public Volume {
        Objects.requireNonNull(group, "group");
        if (depth <= 0 || height <= 0 || width <= 0 || values.length != (long) depth * height * width) {
            throw new IllegalArgumentException(
                    name + ": " + values.length + " values do not fill " + depth + " x " + height + " x " + width);
        }
    }

    /** Returns a copy of one slice, row by row. */
    public float[] slice(int index) {
        float[] slice = new float[height * width];
        System.arraycopy(values, index * height * width, slice, 0, slice.length);
        return slice;
    }
}
