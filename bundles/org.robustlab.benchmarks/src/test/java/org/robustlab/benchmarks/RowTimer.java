package org.robustlab.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Times one benchmark row: untimed warm-up runs, then the median, minimum and maximum of the timed runs. */
final class RowTimer {

    /**
     * Seconds of one row: wall-clock median, minimum and maximum, and the median of the process's CPU time (user +
     * system, all threads), which a loaded machine inflates less than the wall-clock time.
     */
    record Timing(double median, double min, double max, double cpuMedian, int repetitions) {

        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"median\": %.6f, \"min\": %.6f, \"max\": %.6f, \"cpu_median\": %.6f, \"n\": %d}",
                    median,
                    min,
                    max,
                    cpuMedian,
                    repetitions);
        }
    }

    private final int warmup;

    private final int repetitions;

    RowTimer(int warmup, int repetitions) {
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException(
                    "warm-up must be >= 0 and repetitions >= 1, got " + warmup + " and " + repetitions);
        }
        this.warmup = warmup;
        this.repetitions = repetitions;
    }

    Timing time(Runnable action) {
        for (int i = 0; i < warmup; i++) {
            action.run();
        }
        double[] seconds = new double[repetitions];
        double[] cpu = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            double cpuStart = processCpuSeconds();
            long start = System.nanoTime();
            action.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            cpu[i] = processCpuSeconds() - cpuStart;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        return new Timing(median(seconds), seconds[0], seconds[repetitions - 1], median(cpu), repetitions);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Returns user + system CPU time of the process from /proc/self/stat (clock ticks of 10 ms). */
    static double processCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
