package org.robustlab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.robustlab.core.data.Split;

/**
 * Assigns splits by group, so that all samples of a patient land in one split. The groups are sorted, shuffled
 * with {@code new Random(seed)}, and the first {@code round(test * groups)} go to TEST, the next
 * {@code round(validation * groups)} to VALIDATION and the rest to TRAIN: the same groups, fractions and seed
 * always give the same assignment.
 */
public final class GroupSplitter {

    private GroupSplitter() {}

    /** Returns the split of every group key. */
    public static Map<String, Split> assign(
            Iterable<String> groupKeys, long seed, double validationFraction, double testFraction) {
        List<String> groups = new ArrayList<>(new TreeSet<>(toList(groupKeys)));
        Collections.shuffle(groups, new Random(seed));
        int test = (int) Math.round(testFraction * groups.size());
        int validation = (int) Math.round(validationFraction * groups.size());
        Map<String, Split> splits = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Split split = Split.TRAIN;
            if (i < test) {
                split = Split.TEST;
            } else if (i < test + validation) {
                split = Split.VALIDATION;
            }
            splits.put(groups.get(i), split);
        }
        return splits;
    }

    private static List<String> toList(Iterable<String> keys) {
        List<String> list = new ArrayList<>();
        keys.forEach(list::add);
        return list;
    }
}
