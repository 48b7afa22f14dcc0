package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Trainer;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.experiment.TrainingSettings;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The checkpoints of one model: per epoch the parameters ({@code epoch-NNNN.npz}) and optimizer state
 * ({@code epoch-NNNN-optimizer.npz}), then {@code state.json}, which names the last complete epoch. Files are
 * written atomically with SHA-256 sidecars and {@code state.json} last, so a run killed at any moment resumes from
 * a complete epoch. Only the last epoch and the epoch with the lowest validation loss are kept.
 */
final class TrainingCheckpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    /** A checkpoint read back. */
    record Restored(Map<String, INDArray> parameters, Map<String, INDArray> optimizer, TrainingState state) {}

    TrainingCheckpoints(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** Returns the last complete checkpoint, if there is one. */
    Optional<Restored> load() throws IOException {
        Path stateFile = folder.resolve("state.json");
        if (!AtomicFiles.verify(stateFile)) {
            return Optional.empty();
        }
        TrainingState state = JSON.readValue(Files.readString(stateFile, StandardCharsets.UTF_8), TrainingState.class);
        Map<String, INDArray> parameters = ArrayFiles.read(parametersFile(state.epoch()));
        Map<String, INDArray> optimizer = ArrayFiles.read(optimizerFile(state.epoch()));
        return Optional.of(new Restored(parameters, optimizer, state));
    }

    /** Saves the trainer's model and optimizer after {@code state}'s epoch, then drops older epochs. */
    void save(Trainer trainer, TrainingState state) throws IOException {
        ArrayFiles.write(parametersFile(state.epoch()), trainer.model().parameters());
        ArrayFiles.write(optimizerFile(state.epoch()), trainer.optimizerState());
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state);
        AtomicFiles.write(folder.resolve("state.json"), out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
        removeEpochsOtherThan(state.epoch(), state.bestEpoch());
    }

    /**
     * Returns the parameters of the epoch that {@code selection} chooses: the epoch with the lowest validation loss
     * (the last epoch when there was no validation loss), or the last epoch.
     */
    Map<String, INDArray> selected(TrainingState state, TrainingSettings.Selection selection) throws IOException {
        boolean byLoss = selection == TrainingSettings.Selection.VALIDATION_LOSS && state.bestEpoch() > 0;
        int epoch = byLoss ? state.bestEpoch() : state.epoch();
        return ArrayFiles.read(parametersFile(epoch));
    }

    private Path parametersFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%04d.npz", epoch));
    }

    private Path optimizerFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%04d-optimizer.npz", epoch));
    }

    private void removeEpochsOtherThan(int last, int best) throws IOException {
        String keepLast = String.format(Locale.ROOT, "epoch-%04d", last);
        String keepBest = String.format(Locale.ROOT, "epoch-%04d", best);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("epoch-") && !name.startsWith(keepLast) && !name.startsWith(keepBest)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
