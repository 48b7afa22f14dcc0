package org.robustlab.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.io.Npz;

/**
 * The complete state of a training run between two steps, stored as one {@code .npz} file.
 *
 * <p>Entries: {@code parameter/<name>} for every parameter and buffer, {@code optimizer/<key>} for the optimizer
 * state, and scalars under {@code loop/} and {@code early_stopping/}. The random state needs no entry of its own:
 * every random draw of a run derives from the run seed and the loop position (see {@link Position}).
 *
 * @param parameters every parameter and buffer of the model
 * @param optimizerState the trainer's optimizer state
 * @param position where the run continues
 * @param validation the validation history that early stopping and best-weight selection need
 * @param seed the run seed, checked on resumption
 */
public record Checkpoint(
        Map<String, INDArray> parameters,
        Map<String, INDArray> optimizerState,
        Position position,
        ValidationHistory validation,
        long seed) {

    private static final String PARAMETER = "parameter/";

    private static final String OPTIMIZER = "optimizer/";

    /**
     * Where a run continues: the epoch in progress and the next batch of its shuffled order.
     *
     * @param epoch the epoch, from 0
     * @param batch the next batch within the epoch, from 0; equal to the number of batches once the epoch's
     *     training is done but its validation is not
     * @param steps optimizer steps applied so far
     */
    public record Position(int epoch, int batch, long steps) {}

    /**
     * The best validation loss so far and how long ago it was reached.
     *
     * @param bestLoss the lowest validation loss at the end of an epoch, or NaN before the first
     * @param bestEpoch that epoch, from 1, or 0
     * @param epochsWithoutImprovement epochs since the validation loss last improved
     */
    public record ValidationHistory(double bestLoss, int bestEpoch, int epochsWithoutImprovement) {

        /** Returns the history before any validation. */
        public static ValidationHistory empty() {
            return new ValidationHistory(Double.NaN, 0, 0);
        }
    }

    /** Writes the checkpoint atomically, with a SHA-256 sidecar file. */
    public void write(Path file) throws IOException {
        Map<String, INDArray> entries = new LinkedHashMap<>();
        parameters.forEach((name, value) -> entries.put(PARAMETER + name, value));
        optimizerState.forEach((key, value) -> entries.put(OPTIMIZER + key, value));
        entries.put("loop/epoch", scalar(position.epoch()));
        entries.put("loop/batch", scalar(position.batch()));
        entries.put("loop/steps", scalar(position.steps()));
        entries.put("loop/seed", scalar(seed));
        entries.put("early_stopping/best_loss", Nd4j.createFromArray(new double[] {validation.bestLoss()}));
        entries.put("early_stopping/best_epoch", scalar(validation.bestEpoch()));
        entries.put("early_stopping/epochs_without_improvement", scalar(validation.epochsWithoutImprovement()));
        AtomicFiles.write(file, out -> Npz.write(entries, out));
    }

    /**
     * Reads a checkpoint after checking it against its SHA-256 sidecar.
     *
     * @throws IOException when the file cannot be read, does not match its checksum or lacks an entry
     */
    public static Checkpoint read(Path file) throws IOException {
        if (!AtomicFiles.verify(file)) {
            throw new IOException("Checkpoint " + file + " does not match its checksum file "
                    + AtomicFiles.checksumFile(file).getFileName() + "; it is damaged. Restore it from a backup or"
                    + " start the run in a new folder.");
        }
        Map<String, INDArray> entries = Npz.read(file);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        entries.forEach((name, value) -> {
            if (name.startsWith(PARAMETER)) {
                parameters.put(name.substring(PARAMETER.length()), value.castTo(DataType.FLOAT));
            } else if (name.startsWith(OPTIMIZER)) {
                optimizer.put(name.substring(OPTIMIZER.length()), value);
            }
        });
        Position position = new Position(
                (int) required(entries, "loop/epoch", file).getLong(0),
                (int) required(entries, "loop/batch", file).getLong(0),
                required(entries, "loop/steps", file).getLong(0));
        ValidationHistory validation = new ValidationHistory(
                required(entries, "early_stopping/best_loss", file).getDouble(0),
                (int) required(entries, "early_stopping/best_epoch", file).getLong(0),
                (int) required(entries, "early_stopping/epochs_without_improvement", file)
                        .getLong(0));
        return new Checkpoint(
                parameters,
                optimizer,
                position,
                validation,
                required(entries, "loop/seed", file).getLong(0));
    }

    private static INDArray required(Map<String, INDArray> entries, String name, Path file) throws IOException {
        INDArray value = entries.get(name);
        if (value == null) {
            throw new IOException("Checkpoint " + file + " has no entry '" + name + "'; it was not written by this"
                    + " version of the training loop");
        }
        return value;
    }

    private static INDArray scalar(long value) {
        return Nd4j.createFromArray(new long[] {value});
    }
}
