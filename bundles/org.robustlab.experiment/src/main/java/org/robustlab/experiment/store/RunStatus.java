package org.robustlab.experiment.store;

/** The state of a run, stored as MLflow's integer codes in the run's {@code meta.yaml}. */
public enum RunStatus {
    /** The run is in progress, or its process ended without recording an outcome. */
    RUNNING(1),
    /** The run is queued. */
    SCHEDULED(2),
    /** The run completed. */
    FINISHED(3),
    /** The run stopped with an error. */
    FAILED(4),
    /** The run was cancelled. */
    KILLED(5);

    private final int code;

    RunStatus(int code) {
        this.code = code;
    }

    /** Returns MLflow's code for this status. */
    public int code() {
        return code;
    }

    /** Returns the status of an MLflow code. */
    public static RunStatus ofCode(int code) {
        for (RunStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown MLflow run status code " + code + "; known codes are 1 to 5");
    }
}
