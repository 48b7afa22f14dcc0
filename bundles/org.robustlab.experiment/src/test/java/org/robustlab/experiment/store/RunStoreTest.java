package org.robustlab.experiment.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store must match the layout that MLflow's {@code FileStore} reads (mlflow/store/tracking/file_store.py):
 * folder names, meta.yaml keys and types, one file per parameter and tag, metric lines "timestamp value step".
 */
class RunStoreTest {

    @TempDir
    Path root;

    @Test
    void newStoreHasDefaultExperimentAndTrash() {
        new RunStore(root);

        Map<String, Object> meta = YamlFiles.read(root.resolve("0/meta.yaml"));
        assertThat(meta).containsEntry("experiment_id", "0").containsEntry("name", "Default");
        assertThat(meta).containsEntry("lifecycle_stage", "active");
        assertThat(Files.isDirectory(root.resolve(".trash"))).isTrue();
    }

    @Test
    void experimentMetaHasMlflowKeysAndStringId() {
        RunStore store = new RunStore(root);

        String id = store.experimentId("lesion benchmark");

        Map<String, Object> meta = YamlFiles.read(root.resolve(id).resolve("meta.yaml"));
        assertThat(id).isEqualTo("1");
        assertThat(meta.get("experiment_id")).isInstanceOf(String.class).isEqualTo("1");
        assertThat(meta).containsKeys("artifact_location", "creation_time", "last_update_time", "lifecycle_stage");
        assertThat((String) meta.get("artifact_location"))
                .isEqualTo(root.resolve("1").toUri().toString().replaceAll("/$", ""));
        assertThat(store.experimentId("lesion benchmark")).isEqualTo("1");
        assertThat(store.experimentId("fashion")).isEqualTo("2");
    }

    @Test
    void runMetaHasMlflowKeysAndTypes() {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "first", null);

        Map<String, Object> meta = YamlFiles.read(run.folder().resolve("meta.yaml"));

        assertThat(run.runId()).matches("[0-9a-f]{32}");
        assertThat(run.folder()).isEqualTo(root.resolve("1").resolve(run.runId()));
        assertThat(meta).containsEntry("run_id", run.runId()).containsEntry("run_uuid", run.runId());
        assertThat(meta).containsEntry("experiment_id", "1").containsEntry("run_name", "first");
        assertThat(meta)
                .containsEntry("status", 1)
                .containsEntry("source_type", 4)
                .containsEntry("tags", List.of());
        assertThat(meta).containsEntry("lifecycle_stage", "active").containsEntry("end_time", null);
        assertThat(meta.get("start_time")).isInstanceOf(Number.class);
        assertThat(meta.get("artifact_uri"))
                .isEqualTo(run.artifacts().toUri().toString().replaceAll("/$", ""));
        for (String folder : List.of("params", "metrics", "tags", "artifacts")) {
            assertThat(Files.isDirectory(run.folder().resolve(folder)))
                    .as(folder)
                    .isTrue();
        }
        assertThat(run.tags()).containsEntry("mlflow.runName", "first");
    }

    @Test
    void metricFileHasOneLinePerValue() throws IOException {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);

        run.logMetric("train/loss", 0.5, 1, 1000);
        run.logMetric("train/loss", 0.25, 2, 2000);
        run.logMetric("test/auroc", Double.NaN, 0, 3000);

        assertThat(Files.readString(run.folder().resolve("metrics/train/loss"), StandardCharsets.UTF_8))
                .isEqualTo("1000 0.5 1\n2000 0.25 2\n");
        assertThat(Files.readString(run.folder().resolve("metrics/test/auroc"), StandardCharsets.UTF_8))
                .isEqualTo("3000 nan 0\n");
        assertThat(run.metric("train/loss"))
                .containsExactly(new MetricPoint(1000, 0.5, 1), new MetricPoint(2000, 0.25, 2));
    }

    @Test
    void parameterFileHasValueOnly() throws IOException {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);

        run.logParameter("training.epochs", "10");
        run.setTag("robustlab.profile", "quick");

        assertThat(Files.readString(run.folder().resolve("params/training.epochs")))
                .isEqualTo("10");
        assertThat(Files.readString(run.folder().resolve("tags/robustlab.profile")))
                .isEqualTo("quick");
        assertThat(run.parameters()).containsEntry("training.epochs", "10");
    }

    @Test
    void parametersAreImmutable() {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);
        run.logParameter("seed", "1");

        run.logParameter("seed", "1");

        assertThatThrownBy(() -> run.logParameter("seed", "2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already '1'");
    }

    @Test
    void invalidKeyIsRejected() {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);

        assertThatThrownBy(() -> run.logMetric("../escape", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> run.logParameter("a:b", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RunStore.sanitizeKey("a:b (c)")).isEqualTo("a_b _c_");
    }

    @Test
    void nestedRunNamesItsParent() {
        RunStore store = new RunStore(root);
        String experiment = store.experimentId("e");
        StoredRun parent = store.createRun(experiment, "parent", null);

        StoredRun child = store.createRun(experiment, "standard", parent);

        assertThat(child.tags()).containsEntry(RunStore.PARENT_RUN_TAG, parent.runId());
        assertThat(child.folder().getParent()).isEqualTo(parent.folder().getParent());
        assertThat(child.runId()).isNotEqualTo(parent.runId());
        assertThat(store.runs(experiment)).extracting(StoredRun::runId).contains(parent.runId(), child.runId());
    }

    @Test
    void finishRecordsStatusAndEndTime() {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);

        run.finish(RunStatus.FINISHED);

        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(YamlFiles.read(run.folder().resolve("meta.yaml"))).containsEntry("status", 3);
        assertThat(run.endTime()).isPresent();
        run.reopen();
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.endTime()).isEmpty();
    }

    @Test
    void lockedRunCannotBeLockedAgainUntilReleased() {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);

        try (RunLock lock = run.lock()) {
            assertThatThrownBy(run::lock)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another Robustlab run");
        }
        run.lock().close();
    }

    @Test
    void openRunRejectsForeignFolder() throws IOException {
        RunStore store = new RunStore(root);
        Path folder = Files.createDirectories(root.resolve("1/notarun"));

        assertThatThrownBy(() -> store.openRun(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a run folder");
    }

    @Test
    void openRunFindsCreatedRun() {
        RunStore store = new RunStore(root);
        StoredRun run = store.createRun(store.experimentId("e"), "r", null);

        StoredRun opened = new RunStore(root).openRun(run.folder());

        assertThat(opened.runId()).isEqualTo(run.runId());
        assertThat(opened.experimentId()).isEqualTo("1");
        assertThat(opened.runName()).isEqualTo("r");
    }
}
