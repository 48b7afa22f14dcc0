package org.robustlab.training.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the resident set size of this process for progress events. */
final class ResidentMemory {

    private static final Path STATM = Path.of("/proc/self/statm");

    // NOTE: Linux on x86_64 and most arm64 kernels use 4 KiB pages; a kernel with larger pages would be under-read.
    private static final long PAGE_SIZE = 4096;

    private ResidentMemory() {}

    /** Returns the resident set size in bytes, or the Java heap in use where /proc is not available. */
    static long bytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }
}
