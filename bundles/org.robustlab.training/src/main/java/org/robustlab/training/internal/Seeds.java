package org.robustlab.training.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random sources derived from the run seed and a loop position, so that a run resumed at any batch draws exactly
 * what an uninterrupted run draws there, with no random state to save.
 */
final class Seeds {

    private static final long SHUFFLE = 0x53485546464c45L;

    private static final long MODE = 0x4d4f4445L;

    private Seeds() {}

    /** Returns the training indices in the shuffled order of an epoch. */
    static List<Integer> shuffled(List<Integer> indices, long seed, int epoch) {
        List<Integer> order = new ArrayList<>(indices);
        Collections.shuffle(order, new Random(derive(seed, SHUFFLE, epoch)));
        return order;
    }

    /** Returns the random source of the training mode for one batch. */
    static Random forBatch(long seed, int epoch, int batch) {
        return new Random(derive(seed, MODE, epoch, batch));
    }

    /** Mixes the parts with SplitMix64's finaliser, so that nearby positions give unrelated seeds. */
    static long derive(long seed, long... parts) {
        long state = mix(seed);
        for (long part : parts) {
            state = mix(state ^ mix(part + 0x9E3779B97F4A7C15L));
        }
        return state;
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
