package org.robustlab.engine.nd4j.internal;

import org.bytedeco.javacpp.Pointer;

/**
 * When to run the garbage collector so that ND4J's off-heap arrays are freed.
 *
 * <p>ND4J arrays live outside the Java heap and are freed only when their Java objects are collected. The heap
 * stays small, so the collector rarely runs on its own and off-heap memory piles up. JavaCPP collects once
 * allocations reach {@code org.bytedeco.javacpp.maxbytes}, but by then a training step may already fail. After
 * every pass and step the engine therefore requests a collection as soon as off-heap arrays exceed half of that
 * limit, or the resident set exceeds half of {@code org.bytedeco.javacpp.maxphysicalbytes}. At batch 32 and
 * 64x64 pixels a collection costs a few tens of milliseconds against steps of seconds.
 */
final class OffHeapPolicy {

    private static final double COLLECT_FRACTION = 0.5;

    private OffHeapPolicy() {}

    /** Requests a garbage collection when off-heap or resident memory is past the threshold. */
    static void afterPass() {
        long maxBytes = Pointer.maxBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();
        boolean offHeapHigh = maxBytes > 0 && Pointer.totalBytes() > COLLECT_FRACTION * maxBytes;
        boolean residentHigh = maxPhysical > 0 && Pointer.physicalBytes() > COLLECT_FRACTION * maxPhysical;
        if (offHeapHigh || residentHigh) {
            System.gc();
        }
    }
}
