package org.robustlab.ui.study;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which one reader sees the items of a study: every item once, shuffled with a seed derived from the
 * study seed and the reader id, so that each reader gets a different order that is the same after a restart.
 */
public final class StudyPlan {

    private StudyPlan() {}

    /** Returns the items of every model, method and image, in a blinded random order for {@code reader}. */
    public static List<StudyItem> order(
            List<String> models, List<String> methods, int cases, String reader, long seed) {
        List<StudyItem> items = new ArrayList<>();
        for (int c = 0; c < cases; c++) {
            for (String method : methods) {
                for (String model : models) {
                    items.add(new StudyItem(model, method, c));
                }
            }
        }
        Collections.shuffle(items, new Random(seed * 31 + reader.hashCode()));
        return items;
    }
}
