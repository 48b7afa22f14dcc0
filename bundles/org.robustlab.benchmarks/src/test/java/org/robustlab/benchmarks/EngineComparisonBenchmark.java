package org.robustlab.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.EngineInfo;

/**
 * Times one engine on the workload of {@link BenchmarkWorkload} at each input size and writes one JSON file per
 * size, {@code <engine>-<size>.json}, for releng/scripts/benchmark.sh to combine with the PyTorch rows.
 *
 * <p>System properties: {@code robustlab.benchmark.engine} (engine id, default {@code nd4j}),
 * {@code robustlab.benchmark.sizes} (default {@code 64,128}), {@code robustlab.benchmark.repetitions} (timed runs
 * per row after one warm-up run, default 5), {@code robustlab.benchmark.rows} (row ids, comma-separated, or
 * {@code all}) and {@code robustlab.benchmark.output} (folder, default {@code target/benchmarks}). The peak
 * resident set size is the JVM's {@code VmHWM}, reset before each size through {@code /proc/self/clear_refs}.
 */
@Tag("benchmark")
class EngineComparisonBenchmark {

    @Test
    void engineRowsAtEverySize() throws IOException, InterruptedException {
        String engineId = System.getProperty("robustlab.benchmark.engine", "nd4j");
        int repetitions = Integer.getInteger("robustlab.benchmark.repetitions", 5);
        Path output = Path.of(System.getProperty("robustlab.benchmark.output", "target/benchmarks"));
        Files.createDirectories(output);
        RowTimer timer = new RowTimer(1, repetitions);

        try (Registries registries = new Registries()) {
            Engine engine = registries.engines.get(engineId);
            for (int size : sizes()) {
                PeakMemory.reset();
                List<String> rows = new ArrayList<>();
                try (BenchmarkWorkload workload = new BenchmarkWorkload(registries, engine, size)) {
                    assertThat(workload.single.trainableParameterCount()).isEqualTo(1_226_338);
                    assertThat(workload.dual.trainableParameterCount()).isEqualTo(1_229_218);
                    for (Map.Entry<String, Runnable> row : workload.rows().entrySet()) {
                        if (!selected(row.getKey())) {
                            continue;
                        }
                        RowTimer.Timing timing = timer.time(row.getValue());
                        System.out.printf(
                                Locale.ROOT, "%s %dpx %s: %.3f s%n", engineId, size, row.getKey(), timing.median());
                        assertThat(timing.median()).isPositive();
                        rows.add("  \"" + row.getKey() + "\": " + timing.json());
                    }
                }
                long peak = PeakMemory.peakResidentBytes();
                Files.writeString(
                        output.resolve(engineId + "-" + size + ".json"),
                        json(engine.info(), size, rows, peak),
                        StandardCharsets.UTF_8);
                assertThat(rows).isNotEmpty();
            }
        }
    }

    private static List<Integer> sizes() {
        return Arrays.stream(System.getProperty("robustlab.benchmark.sizes", "64,128")
                        .split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }

    private static boolean selected(String row) {
        String rows = System.getProperty("robustlab.benchmark.rows", "all");
        return rows.equals("all") || Arrays.asList(rows.split(",")).contains(row);
    }

    private static String json(EngineInfo info, int size, List<String> rows, long peak) {
        return String.format(
                Locale.ROOT,
                "{\"engine\": \"%s %s\", \"device\": \"%s\", \"threads\": %d, \"size\": %d, \"stem_stride\": %d,"
                        + " \"peak_rss_bytes\": %d,%n \"rows\": {%n%s%n }}%n",
                info.library(),
                info.version(),
                info.device(),
                info.threads(),
                size,
                size > 64 ? 2 : 1,
                peak,
                String.join(",\n", rows));
    }
}
