package org.robustlab.experiment;

/**
 * Thrown when an experiment file is invalid. The message starts with the path of the offending value in the file
 * (for example {@code models[2].parameters.attack.parameters.epsilon}), then says what is wrong and what is allowed.
 * Nothing has been run or written when it is thrown.
 */
public class InvalidExperimentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidExperimentException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public InvalidExperimentException(String path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** Returns the path of the invalid value, or the file name and position for a syntax error. */
    public String path() {
        return path;
    }
}
