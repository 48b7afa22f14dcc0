package org.robustlab.experiment.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One run folder of an MLflow file store: {@code meta.yaml}, and the folders {@code params/}, {@code metrics/},
 * {@code tags/} and {@code artifacts/}. Every parameter, metric and tag is a file named by its key; a metric file
 * holds one {@code "<timestamp> <value> <step>"} line per logged value, as MLflow's {@code FileStore} writes them.
 *
 * <p>Not safe for concurrent writers; {@link #lock()} keeps other processes out of the folder.
 */
public final class StoredRun {

    static final String META = "meta.yaml";

    private final String experimentId;

    private final String runId;

    private final Path folder;

    StoredRun(String experimentId, String runId, Path folder) {
        this.experimentId = experimentId;
        this.runId = runId;
        this.folder = folder;
    }

    /** Returns the id of the experiment the run belongs to. */
    public String experimentId() {
        return experimentId;
    }

    /** Returns the run id: 32 hexadecimal digits. */
    public String runId() {
        return runId;
    }

    /** Returns the run folder. */
    public Path folder() {
        return folder;
    }

    /** Returns the folder for the run's files: configuration, checkpoints, results, report. */
    public Path artifacts() {
        return folder.resolve("artifacts");
    }

    /** Returns the run name shown by MLflow. */
    public String runName() {
        return String.valueOf(meta().getOrDefault("run_name", ""));
    }

    /** Returns the run status. */
    public RunStatus status() {
        Object code = meta().get("status");
        return code instanceof Number number ? RunStatus.ofCode(number.intValue()) : RunStatus.RUNNING;
    }

    /** Returns the start time in milliseconds since the Unix epoch. */
    public long startTime() {
        return meta().get("start_time") instanceof Number number ? number.longValue() : 0;
    }

    /** Returns the end time, if the run has ended. */
    public Optional<Long> endTime() {
        return meta().get("end_time") instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
    }

    /** Takes the run's lock; close it when the run stops writing. */
    public RunLock lock() {
        return RunLock.acquire(folder);
    }

    /**
     * Logs a parameter. As in MLflow, parameters are immutable: logging a key again with the same value does
     * nothing, with another value it fails.
     *
     * @throws IllegalStateException when the key holds another value
     */
    public void logParameter(String key, String value) {
        Path file = folder.resolve("params").resolve(StoreNames.checkKey("parameter", key));
        String text = value == null ? "" : value;
        Optional<String> existing = readText(file);
        if (existing.isPresent()) {
            if (!existing.get().equals(text)) {
                throw new IllegalStateException("Parameter '" + key + "' of run " + runId + " is already '"
                        + existing.get() + "'; parameters cannot change, so '" + text + "' was not logged");
            }
            return;
        }
        writeText(file, text);
    }

    /** Logs a metric value at a step with the current time. */
    public void logMetric(String key, double value, long step) {
        logMetric(key, value, step, System.currentTimeMillis());
    }

    /** Logs a metric value at a step and time; NaN and infinities are written as MLflow writes them. */
    public void logMetric(String key, double value, long step, long timestamp) {
        Path file = folder.resolve("metrics").resolve(StoreNames.checkKey("metric", key));
        String line = timestamp + " " + pythonFloat(value) + " " + step + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot log metric " + key + " of run " + runId, e);
        }
    }

    /** Sets a tag, replacing its earlier value. */
    public void setTag(String key, String value) {
        writeText(folder.resolve("tags").resolve(StoreNames.checkKey("tag", key)), value == null ? "" : value);
    }

    /** Returns every parameter by key. */
    public Map<String, String> parameters() {
        return readAll("params");
    }

    /** Returns every tag by key. */
    public Map<String, String> tags() {
        return readAll("tags");
    }

    /** Returns the logged values of a metric in logging order, or an empty list. */
    public List<MetricPoint> metric(String key) {
        Path file = folder.resolve("metrics").resolve(StoreNames.checkKey("metric", key));
        List<MetricPoint> points = new ArrayList<>();
        for (String line : readText(file).orElse("").split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length >= 2) {
                long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
                points.add(new MetricPoint(Long.parseLong(parts[0]), Double.parseDouble(parts[1]), step));
            }
        }
        return points;
    }

    /** Records the outcome and the end time. */
    public void finish(RunStatus status) {
        Map<String, Object> meta = meta();
        meta.put("status", status.code());
        meta.put("end_time", status == RunStatus.RUNNING ? null : System.currentTimeMillis());
        YamlFiles.write(folder.resolve(META), meta);
    }

    /** Marks a resumed run as running again and clears its end time. */
    public void reopen() {
        finish(RunStatus.RUNNING);
    }

    Map<String, Object> meta() {
        return YamlFiles.read(folder.resolve(META));
    }

    /** Formats a value as Python's {@code str(float)} does for the values MLflow reads back. */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }

    private Map<String, String> readAll(String subfolder) {
        Path root = folder.resolve(subfolder);
        Map<String, String> values = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return values;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .forEach(file -> values.put(
                            root.relativize(file).toString().replace('\\', '/'),
                            readText(file).orElse("")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
        return values;
    }

    private static Optional<String> readText(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private void writeText(Path file, String text) {
        try {
            YamlFiles.writeText(file, text, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
