package org.robustlab.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.engine.Engine;
import org.robustlab.core.engine.Model;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.io.Npz;
import org.robustlab.core.model.NetworkSpec;

/**
 * The files of a run folder and how to load trained weights from them.
 *
 * <ul>
 *   <li>{@value #MANIFEST}: the run manifest (JSON): configuration, its fingerprint, dataset hash and versions;
 *   <li>{@value #CHECKPOINT}: the latest resumable state, see {@link Checkpoint};
 *   <li>{@value #BEST_WEIGHTS}: parameters and buffers after the epoch with the lowest validation loss;
 *   <li>{@value #FINAL_WEIGHTS}: parameters and buffers when the run completed or stopped early.
 * </ul>
 * Every {@code .npz} file has a {@code .sha256} sidecar and is replaced atomically.
 */
public final class RunFolder {

    /** File name of the run manifest. */
    public static final String MANIFEST = "manifest.json";

    /** File name of the latest checkpoint. */
    public static final String CHECKPOINT = "checkpoint.npz";

    /** File name of the weights of the best validation epoch. */
    public static final String BEST_WEIGHTS = "best.npz";

    /** File name of the weights at the end of the run. */
    public static final String FINAL_WEIGHTS = "final.npz";

    private RunFolder() {}

    /** Writes parameters and buffers as a weights file, atomically with a SHA-256 sidecar. */
    public static void writeWeights(Path file, Map<String, INDArray> parameters) throws IOException {
        AtomicFiles.write(file, out -> Npz.write(parameters, out));
    }

    /**
     * Reads a weights file ({@value #BEST_WEIGHTS}, {@value #FINAL_WEIGHTS}) or the parameters of a checkpoint,
     * after checking its checksum.
     *
     * @throws IOException when the file is missing, damaged or unreadable
     */
    public static Map<String, INDArray> readWeights(Path file) throws IOException {
        if (file.getFileName().toString().equals(CHECKPOINT)) {
            return Checkpoint.read(file).parameters();
        }
        if (!AtomicFiles.verify(file)) {
            throw new IOException("Weights file " + file + " is missing or does not match its checksum file "
                    + AtomicFiles.checksumFile(file).getFileName());
        }
        Map<String, INDArray> parameters = Npz.read(file);
        parameters.replaceAll((name, value) -> value.castTo(DataType.FLOAT));
        return parameters;
    }

    /**
     * Compiles {@code spec} on {@code engine} with the weights of a file of a run folder.
     *
     * @throws IOException when the file is missing, damaged or unreadable
     * @throws IllegalArgumentException when the weights do not belong to {@code spec}
     */
    public static Model loadModel(Path file, Engine engine, NetworkSpec spec) throws IOException {
        return engine.create(spec, readWeights(file));
    }
}
