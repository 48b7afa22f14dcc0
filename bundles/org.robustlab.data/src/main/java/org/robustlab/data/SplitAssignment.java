package org.robustlab.data;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.robustlab.core.data.DatasetException;
import org.robustlab.core.data.ImportRequest;
import org.robustlab.core.data.Split;

/**
 * The split of every group: groups of samples without a prescribed split are divided by {@link GroupSplitter}
 * into all three splits; groups prescribed TRAIN are the layout's training portion, from which the validation
 * fraction is carved; groups prescribed VALIDATION or TEST keep that split.
 */
final class SplitAssignment {

    private SplitAssignment() {}

    static Map<String, Split> assign(List<SampleSource> samples, ImportRequest request) {
        Map<String, Split> prescribed = new HashMap<>();
        Set<String> free = new LinkedHashSet<>();
        Set<String> training = new LinkedHashSet<>();
        for (SampleSource sample : samples) {
            String group = sample.groupKey();
            Split split = sample.split();
            boolean seen = prescribed.containsKey(group);
            Split earlier = prescribed.put(group, split);
            if (seen && earlier != split) {
                throw new DatasetException(
                        request.source(),
                        "the layout puts samples of one patient into both " + earlier + " and " + split + " ("
                                + sample.file() + "); fix the split files");
            }
            if (split == null) {
                free.add(group);
            } else if (split == Split.TRAIN) {
                training.add(group);
            }
        }
        Map<String, Split> splits = new HashMap<>();
        prescribed.forEach((group, split) -> {
            if (split != null) {
                splits.put(group, split);
            }
        });
        splits.putAll(GroupSplitter.assign(free, request.seed(), request.validationFraction(), request.testFraction()));
        double carved = request.validationFraction() / (1 - request.testFraction());
        splits.putAll(GroupSplitter.assign(training, request.seed(), carved, 0));
        return splits;
    }
}
