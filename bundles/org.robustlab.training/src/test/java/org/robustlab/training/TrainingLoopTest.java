package org.robustlab.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.OptimizerSpec;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.event.TrainingProgress;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.training.TrainingOutcome.Status;

/** Runs the training loop service inside Equinox on the ND4J engine with a small network and a test mode. */
class TrainingLoopTest {

    private static final NoiseTrainingMode.Parameters DUAL = new NoiseTrainingMode.Parameters(true, 0.1, 0);

    @TempDir
    Path folder;

    private LoopFixture fixture;

    @BeforeEach
    void registerMode() throws InterruptedException {
        fixture = new LoopFixture("test-noise-" + System.nanoTime());
    }

    @AfterEach
    void unregisterMode() {
        fixture.close();
    }

    private static TrainingSettings settings(int epochs) {
        return TrainingSettings.of(42, epochs, 8, OptimizerSpec.adam(0.02)).withCheckpointInterval(3);
    }

    @Test
    void runCompletesWithEventsAndRunFolder() throws Exception {
        LoopFixture.Recorder recorder = new LoopFixture.Recorder();

        TrainingOutcome outcome =
                fixture.loop().run(fixture.request(folder, DUAL, settings(3), recorder), new NullProgressMonitor());

        try (var model = outcome.model()) {
            assertThat(outcome.status()).isEqualTo(Status.COMPLETED);
            assertThat(outcome.epochsCompleted()).isEqualTo(3);
            assertThat(outcome.steps()).isEqualTo(15);
            assertThat(recorder.progress.stream().filter(p -> !p.endOfEpoch())).hasSize(15);
            TrainingProgress last = recorder.progress.get(recorder.progress.size() - 1);
            assertThat(last.endOfEpoch()).isTrue();
            assertThat(last.epoch()).isEqualTo(3);
            assertThat(last.validationLoss()).isFinite();
            assertThat(last.cleanAccuracy()).isBetween(0.0, 1.0);
            assertThat(last.adversarialAccuracy()).isBetween(0.0, 1.0);
            TrainingProgress step = recorder.progress.get(0);
            assertThat(step.losses()).containsKeys("clean", "adversarial", "total");
            assertThat(step.imagesPerSecond()).isPositive();
            assertThat(step.memoryBytes()).isPositive();
            assertThat(recorder.events.stream().map(RunEvent::kind))
                    .containsExactly(RunEvent.Kind.STARTED, RunEvent.Kind.FINISHED);
            for (String file : new String[] {
                RunFolder.MANIFEST, RunFolder.CHECKPOINT, RunFolder.BEST_WEIGHTS, RunFolder.FINAL_WEIGHTS
            }) {
                assertThat(folder.resolve(file)).exists();
            }
            assertThat(AtomicFiles.verify(folder.resolve(RunFolder.CHECKPOINT))).isTrue();
            assertIdentical(RunFolder.readWeights(folder.resolve(RunFolder.FINAL_WEIGHTS)), model.parameters());
        }
    }

    @Test
    void trainingLearnsTheEasyTask() throws Exception {
        LoopFixture.Recorder recorder = new LoopFixture.Recorder();
        TrainingSettings settings = TrainingSettings.of(7, 4, 8, OptimizerSpec.adam(0.05));

        TrainingOutcome outcome = fixture.loop()
                .run(
                        fixture.request(folder, new NoiseTrainingMode.Parameters(false, 0, 0), settings, recorder),
                        new NullProgressMonitor());

        outcome.model().close();
        double[] validation = recorder.progress.stream()
                .filter(TrainingProgress::endOfEpoch)
                .mapToDouble(TrainingProgress::validationLoss)
                .toArray();
        assertThat(validation).hasSize(4);
        assertThat(validation[3]).isLessThan(validation[0]);
        assertThat(outcome.bestValidationLoss())
                .isEqualTo(Arrays.stream(validation).min().orElseThrow());
    }

    @Test
    void resumedAfterCancelAndKillReachesIdenticalWeights() throws Exception {
        Map<String, INDArray> uninterrupted;
        Path reference = Files.createDirectory(folder.resolve("reference"));
        TrainingOutcome complete =
                fixture.loop().run(fixture.request(reference, DUAL, settings(2), null), new NullProgressMonitor());
        try (var model = complete.model()) {
            uninterrupted = model.parameters();
        }

        Path interrupted = folder.resolve("interrupted");
        NullProgressMonitor monitor = new NullProgressMonitor();
        TrainingOutcome cancelled =
                fixture.loop().run(fixture.request(interrupted, DUAL, settings(2), cancelAfter(4, monitor)), monitor);
        cancelled.model().close();
        assertThat(cancelled.status()).isEqualTo(Status.CANCELLED);
        assertThat(cancelled.steps()).isEqualTo(4);

        assertThatThrownBy(() -> fixture.loop()
                        .run(fixture.request(interrupted, DUAL, settings(2), killAfter(7)), new NullProgressMonitor()))
                .isInstanceOf(SimulatedKill.class);

        TrainingOutcome resumed =
                fixture.loop().run(fixture.request(interrupted, DUAL, settings(2), null), new NullProgressMonitor());
        try (var model = resumed.model()) {
            assertThat(resumed.status()).isEqualTo(Status.COMPLETED);
            assertThat(resumed.steps()).isEqualTo(10);
            assertIdentical(model.parameters(), uninterrupted);
        }
    }

    @Test
    void nonFiniteLossStopsRunAndKeepsLastGoodCheckpoint() throws Exception {
        NoiseTrainingMode.Parameters poisoned = new NoiseTrainingMode.Parameters(true, 0.1, 5);

        TrainingOutcome outcome =
                fixture.loop().run(fixture.request(folder, poisoned, settings(2), null), new NullProgressMonitor());

        assertThat(outcome.status()).isEqualTo(Status.DIVERGED);
        assertThat(outcome.model()).isNull();
        assertThat(outcome.steps()).isEqualTo(4);
        assertThat(outcome.message())
                .contains("epoch 1, batch 5 (step 5)")
                .contains("not finite")
                .contains(folder.resolve(RunFolder.CHECKPOINT).toString());
        Checkpoint last = Checkpoint.read(folder.resolve(RunFolder.CHECKPOINT));
        assertThat(last.position().steps()).isEqualTo(3);
        assertThat(last.parameters().values())
                .allSatisfy(value -> assertThat(value.isNaN().any()).isFalse());
    }

    @Test
    void explodingLossStopsAtTheThreshold() throws Exception {
        TrainingSettings settings = settings(1).withDivergenceThreshold(1e-3);

        TrainingOutcome outcome =
                fixture.loop().run(fixture.request(folder, DUAL, settings, null), new NullProgressMonitor());

        assertThat(outcome.status()).isEqualTo(Status.DIVERGED);
        assertThat(outcome.message()).contains("exceeded the divergence threshold 0.001");
        assertThat(folder.resolve(RunFolder.CHECKPOINT)).doesNotExist();
    }

    @Test
    void earlyStoppingEndsRunAfterPatience() throws Exception {
        TrainingSettings settings =
                TrainingSettings.of(42, 6, 8, OptimizerSpec.adam(1e-9)).withEarlyStopping(new EarlyStopping(2, 0.5));

        TrainingOutcome outcome =
                fixture.loop().run(fixture.request(folder, DUAL, settings, null), new NullProgressMonitor());

        outcome.model().close();
        assertThat(outcome.status()).isEqualTo(Status.EARLY_STOPPED);
        assertThat(outcome.epochsCompleted()).isEqualTo(3);
        assertThat(outcome.bestEpoch()).isEqualTo(1);
        assertThat(outcome.message()).contains("has not improved for 2 epochs");
        assertThat(folder.resolve(RunFolder.BEST_WEIGHTS)).exists();
    }

    @Test
    void folderOfAnotherRunIsLeftUntouched() throws Exception {
        TrainingOutcome first =
                fixture.loop().run(fixture.request(folder, DUAL, settings(1), null), new NullProgressMonitor());
        first.model().close();
        byte[] checkpoint = Files.readAllBytes(folder.resolve(RunFolder.CHECKPOINT));

        assertThatThrownBy(() ->
                        fixture.loop().run(fixture.request(folder, DUAL, settings(2), null), new NullProgressMonitor()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another configuration")
                .hasMessageContaining(folder.toString());
        assertThat(Files.readAllBytes(folder.resolve(RunFolder.CHECKPOINT))).isEqualTo(checkpoint);
    }

    @Test
    void manifestRecordsParametersDatasetHashAndVersions() throws Exception {
        TrainingSettings settings = settings(1).withClassWeights(new double[] {1.0, 2.0});

        TrainingOutcome outcome =
                fixture.loop().run(fixture.request(folder, DUAL, settings, null), new NullProgressMonitor());

        outcome.model().close();
        String manifest = Files.readString(folder.resolve(RunFolder.MANIFEST), StandardCharsets.UTF_8);
        assertThat(manifest)
                .contains("\"fingerprint\"")
                .contains("\"contentHash\" : \"synthetic-3-40-12\"")
                .contains("\"classWeights\" : [ 1.0, 2.0 ]")
                .contains("\"noise\" : 0.1")
                .contains("\"learningRate\" : 0.02")
                .contains("\"version\" : \"1.0.0-M2.1\"")
                .contains("\"org.robustlab.training\"");
    }

    @Test
    void inconsistentRequestsAreRejectedBeforeAnythingIsWritten() throws Exception {
        NoiseTrainingMode.Parameters single = new NoiseTrainingMode.Parameters(false, 0, 0);
        TrainingRequest dualNetworkSingleMode = new TrainingRequest(
                "bad",
                fixture.engine,
                LoopFixture.network(org.robustlab.core.model.Normalization.DUAL),
                null,
                new SyntheticDataset(8, 0, 1),
                fixture.modeId,
                single,
                settings(1),
                folder.resolve("bad"),
                null);

        assertThatThrownBy(() -> fixture.loop().run(dualNetworkSingleMode, new NullProgressMonitor()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trains SINGLE batch norm")
                .hasMessageContaining("built with DUAL");
        TrainingSettings stopping = settings(1).withEarlyStopping(new EarlyStopping(1, 0));
        TrainingRequest noValidation = new TrainingRequest(
                "bad",
                fixture.engine,
                LoopFixture.network(org.robustlab.core.model.Normalization.DUAL),
                null,
                new SyntheticDataset(8, 0, 1),
                fixture.modeId,
                DUAL,
                stopping,
                folder.resolve("bad"),
                null);
        assertThatThrownBy(() -> fixture.loop().run(noValidation, new NullProgressMonitor()))
                .hasMessageContaining("Early stopping needs validation images");
        assertThat(folder.resolve("bad")).doesNotExist();
    }

    private static LoopFixture.Recorder cancelAfter(int steps, NullProgressMonitor monitor) {
        return new LoopFixture.Recorder() {
            @Override
            public void trainingProgress(TrainingProgress event) {
                super.trainingProgress(event);
                if (progress.stream().filter(p -> !p.endOfEpoch()).count() == steps) {
                    monitor.setCanceled(true);
                }
            }
        };
    }

    /** Ends the run abruptly, as a killed process would: no cancellation checkpoint, no clean-up. */
    private static LoopFixture.Recorder killAfter(long steps) {
        return new LoopFixture.Recorder() {
            private long seen;

            @Override
            public void trainingProgress(TrainingProgress event) {
                if (!event.endOfEpoch() && ++seen == steps - 4) {
                    throw new SimulatedKill();
                }
            }
        };
    }

    private static final class SimulatedKill extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static void assertIdentical(Map<String, INDArray> actual, Map<String, INDArray> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> assertThat(
                        actual.get(name).castTo(DataType.DOUBLE).dup().data().asDouble())
                .as(name)
                .containsExactly(value.castTo(DataType.DOUBLE).dup().data().asDouble()));
    }
}
