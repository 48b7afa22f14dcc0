package org.robustlab.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size from Linux's {@code /proc/self/status}. */
final class PeakMemory {

    private PeakMemory() {}

    /**
     * Sets the peak to the current resident set size (writing 5 to {@code /proc/self/clear_refs}, Linux 4.0 and
     * later), after a garbage collection has freed the off-heap arrays of earlier runs.
     */
    static void reset() throws IOException {
        System.gc();
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    }

    /** Returns {@code VmHWM} in bytes. */
    static long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("/proc/self/status has no VmHWM line");
    }
}
