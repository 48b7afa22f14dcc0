package org.robustlab.experiment.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.robustlab.core.io.AtomicFiles;
import org.robustlab.core.io.Npz;

/** Writes named arrays as {@code .npz} files atomically with a SHA-256 sidecar, and reads them back verified. */
final class ArrayFiles {

    private ArrayFiles() {}

    static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> Npz.write(arrays, out));
    }

    /** Returns whether the file exists and matches its checksum. */
    static boolean isComplete(Path file) throws IOException {
        return AtomicFiles.verify(file);
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IOException when it is missing, or its content does not match its checksum
     */
    static Map<String, INDArray> read(Path file) throws IOException {
        if (!AtomicFiles.verify(file)) {
            throw new IOException(file + " is missing or does not match its checksum file "
                    + AtomicFiles.checksumFile(file).getFileName() + "; it may be incomplete or damaged");
        }
        return Npz.read(file);
    }
}
