package org.robustlab.core.event;

/**
 * A milestone of an experiment run: started, a phase begun or finished, finished or failed.
 *
 * @param runId the run's identifier
 * @param kind what happened
 * @param message a short description for progress displays, free of patient identifiers
 * @param fraction overall completion in [0, 1], or NaN when unknown
 */
public record RunEvent(String runId, Kind kind, String message, double fraction) {

    /** What happened. */
    public enum Kind {
        /** The run started. */
        STARTED,
        /** A phase (import, training of one model, evaluation, report) started. */
        PHASE_STARTED,
        /** A phase finished. */
        PHASE_FINISHED,
        /** The run finished and its report is written. */
        FINISHED,
        /** The run failed or was cancelled; the message says why. */
        FAILED
    }
}
