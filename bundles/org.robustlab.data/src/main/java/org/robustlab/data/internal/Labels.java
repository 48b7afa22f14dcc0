package org.robustlab.data.internal;

import java.util.ArrayList;
import java.util.List;

import org.robustlab.data.SampleSource;

/** Label helpers shared by the importers. */
final class Labels {

    private Labels() {}

    /** Returns the sample with its class index (its only label) replaced by a one-hot row. */
    static SampleSource oneHot(SampleSource sample, int classes) {
        float[] labels = new float[classes];
        labels[(int) sample.labels()[0]] = 1;
        return new SampleSource(
                sample.file(),
                sample.sampleKey(),
                sample.groupKey(),
                labels,
                sample.boxes(),
                sample.split(),
                sample.loader());
    }

    /** Returns the names "0", "1", ... for {@code count} classes. */
    static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
