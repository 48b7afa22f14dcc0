package org.robustlab.core.parameter;

/**
 * Thrown when a parameter value is invalid. The message starts with the parameter's path in the experiment
 * file (for example {@code attacks[0].parameters.epsilon}) and says what is allowed.
 */
public class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidParameterException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public InvalidParameterException(String path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** Returns the path of the invalid value in the configuration. */
    public String path() {
        return path;
    }
}
