package org.robustlab.experiment.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A run store in the layout of MLflow's file store, so that {@code mlflow ui --backend-store-uri <root>} shows
 * its experiments and runs:
 *
 * <pre>
 * root/
 *   .trash/
 *   0/meta.yaml                      the default experiment MLflow expects
 *   &lt;experiment id&gt;/meta.yaml        experiment_id, name, artifact_location, lifecycle_stage, times
 *   &lt;experiment id&gt;/&lt;run id&gt;/         meta.yaml, params/, metrics/, tags/, artifacts/
 * </pre>
 *
 * Runs get fresh random ids, so two runs never share a folder; nested runs carry the {@code mlflow.parentRunId}
 * tag. The layout follows MLflow's {@code mlflow/store/tracking/file_store.py}.
 */
public final class RunStore {

    /** Tag that names a run's parent run; MLflow nests the run under it. */
    public static final String PARENT_RUN_TAG = "mlflow.parentRunId";

    /** Tag that holds the run name. */
    public static final String RUN_NAME_TAG = "mlflow.runName";

    private static final String DEFAULT_EXPERIMENT_ID = "0";

    private static final String STORE_LOCK = ".robustlab-store.lock";

    private final Path root;

    /** Opens a store, creating its root, trash folder and default experiment when they are missing. */
    public RunStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve(".trash"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the run store " + this.root + ": " + e.getMessage(), e);
        }
        withStoreLock(() -> {
            if (!Files.isRegularFile(this.root.resolve(DEFAULT_EXPERIMENT_ID).resolve(StoredRun.META))) {
                writeExperiment(DEFAULT_EXPERIMENT_ID, "Default");
            }
            return null;
        });
    }

    /** Returns {@code key} with every character MLflow rejects in keys replaced by an underscore. */
    public static String sanitizeKey(String key) {
        return StoreNames.sanitize(key);
    }

    /** Returns the store's root folder. */
    public Path root() {
        return root;
    }

    /** Returns the id of the experiment with this name, creating the experiment when there is none. */
    public String experimentId(String name) {
        return withStoreLock(() -> {
            Optional<String> existing = findExperiment(name);
            if (existing.isPresent()) {
                return existing.get();
            }
            long next = 1;
            for (String id : experimentIds()) {
                if (id.matches("\\d{1,18}")) {
                    next = Math.max(next, Long.parseLong(id) + 1);
                }
            }
            writeExperiment(Long.toString(next), name);
            return Long.toString(next);
        });
    }

    /** Returns the id of the experiment with this name, if the store has one. */
    public Optional<String> findExperiment(String name) {
        for (String id : experimentIds()) {
            Map<String, Object> meta = YamlFiles.read(root.resolve(id).resolve(StoredRun.META));
            if (name.equals(meta.get("name"))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * Creates a run with a fresh id in status {@link RunStatus#RUNNING}.
     *
     * @param parent the parent run for a nested run, or {@code null}
     */
    public StoredRun createRun(String experimentId, String runName, StoredRun parent) {
        Path experiment = root.resolve(experimentId);
        if (!Files.isRegularFile(experiment.resolve(StoredRun.META))) {
            throw new IllegalArgumentException("No experiment " + experimentId + " in run store " + root);
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        Path folder = experiment.resolve(runId);
        try {
            Files.createDirectory(folder);
            for (String subfolder : List.of("metrics", "params", "tags", "artifacts")) {
                Files.createDirectories(folder.resolve(subfolder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create run folder " + folder + ": " + e.getMessage(), e);
        }
        YamlFiles.write(folder.resolve(StoredRun.META), runMeta(experimentId, runId, runName, folder));
        StoredRun run = new StoredRun(experimentId, runId, folder);
        run.setTag(RUN_NAME_TAG, runName);
        run.setTag("mlflow.user", System.getProperty("user.name", ""));
        run.setTag("mlflow.source.type", "LOCAL");
        run.setTag("mlflow.source.name", "robustlab");
        if (parent != null) {
            run.setTag(PARENT_RUN_TAG, parent.runId());
        }
        return run;
    }

    /**
     * Opens an existing run folder of this store.
     *
     * @throws IllegalArgumentException when the folder is not a run of this store
     */
    public StoredRun openRun(Path runFolder) {
        Path folder = runFolder.toAbsolutePath().normalize();
        Path meta = folder.resolve(StoredRun.META);
        if (!Files.isRegularFile(meta)
                || folder.getParent() == null
                || !folder.getParent().getParent().equals(root)) {
            throw new IllegalArgumentException(runFolder + " is not a run folder of the run store " + root
                    + ": expected <store>/<experiment id>/<run id>/meta.yaml");
        }
        Map<String, Object> values = YamlFiles.read(meta);
        String runId = String.valueOf(values.get("run_id"));
        String experimentId = String.valueOf(values.get("experiment_id"));
        if (!runId.equals(folder.getFileName().toString())
                || !experimentId.equals(folder.getParent().getFileName().toString())) {
            throw new IllegalArgumentException(meta + " names run " + runId + " of experiment " + experimentId
                    + ", which does not match its folder");
        }
        return new StoredRun(experimentId, runId, folder);
    }

    /** Returns the runs of an experiment, newest first. */
    public List<StoredRun> runs(String experimentId) {
        Path experiment = root.resolve(experimentId);
        List<StoredRun> runs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(experiment)) {
            folders.filter(folder -> StoreNames.RUN_ID
                            .matcher(folder.getFileName().toString())
                            .matches())
                    .filter(folder -> Files.isRegularFile(folder.resolve(StoredRun.META)))
                    .forEach(folder -> runs.add(
                            new StoredRun(experimentId, folder.getFileName().toString(), folder)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list runs of experiment " + experimentId + " in " + root, e);
        }
        runs.sort(Comparator.comparingLong(StoredRun::startTime).reversed());
        return runs;
    }

    /** Returns the ids of every active experiment. */
    public List<String> experimentIds() {
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve(StoredRun.META)))
                    .map(folder -> folder.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list experiments in " + root, e);
        }
    }

    private void writeExperiment(String id, String name) {
        Path folder = root.resolve(id);
        long now = System.currentTimeMillis();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_location", folder.toUri().toString().replaceAll("/$", ""));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        YamlFiles.write(folder.resolve(StoredRun.META), meta);
    }

    private static Map<String, Object> runMeta(String experimentId, String runId, String runName, Path folder) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("artifact_uri", folder.resolve("artifacts").toUri().toString().replaceAll("/$", ""));
        meta.put("deleted_time", null);
        meta.put("end_time", null);
        meta.put("entry_point_name", "");
        meta.put("experiment_id", experimentId);
        meta.put("lifecycle_stage", "active");
        meta.put("run_id", runId);
        meta.put("run_name", runName);
        meta.put("run_uuid", runId);
        meta.put("source_name", "");
        meta.put("source_type", 4);
        meta.put("source_version", "");
        meta.put("start_time", System.currentTimeMillis());
        meta.put("status", RunStatus.RUNNING.code());
        meta.put("tags", List.of());
        meta.put("user_id", System.getProperty("user.name", ""));
        return meta;
    }

    private interface LockedAction<T> {
        T run();
    }

    /** Runs {@code action} holding the store's file lock; the class lock keeps threads of one process apart. */
    private <T> T withStoreLock(LockedAction<T> action) {
        synchronized (RunStore.class) {
            return withFileLock(action);
        }
    }

    private <T> T withFileLock(LockedAction<T> action) {
        try (FileChannel channel = FileChannel.open(
                        root.resolve(STORE_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the run store " + root + ": " + e.getMessage(), e);
        }
    }
}
