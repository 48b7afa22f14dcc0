package org.robustlab.data.lesion.internal;

import org.robustlab.core.data.Split;

/**
 * One sample of the benchmark: a prepared slice, with a lesion or without.
 *
 * @param group the volume the slice comes from; the split group
 * @param source the file or series the slice comes from
 * @param slice the slice index within its volume
 * @param variant which of the slice's samples this is
 * @param split the split of the group
 * @param image the slice in [0, 1], {@code size * size} values row by row, the lesion inserted
 * @param mask 1 inside the lesion, or {@code null} without a lesion
 * @param lesion the lesion's drawn properties, or {@code null}
 */
public record BenchmarkSample(
        String group, String source, int slice, int variant, Split split, float[] image, float[] mask, Lesion lesion) {

    /** Returns whether the sample has a lesion. */
    public boolean positive() {
        return lesion != null;
    }

    /** Returns a stable key of the sample that names no patient. */
    public String key() {
        return group + "/" + slice + "/" + variant;
    }
}
