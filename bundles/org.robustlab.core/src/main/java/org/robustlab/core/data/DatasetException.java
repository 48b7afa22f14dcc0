package org.robustlab.core.data;

import java.nio.file.Path;

/**
 * Thrown when a dataset file is missing, corrupt, or not in the expected layout. The message names the file
 * (relative to the import source where possible), the problem and how to fix it; never a patient identifier.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DatasetException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public DatasetException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** Returns the file at fault. */
    public Path file() {
        return file;
    }
}
