package org.robustlab.core.event;

/**
 * Receives typed progress events of runs; the command-line progress bar and the workbench charts implement it.
 * Methods are called on the thread that runs the work and must return quickly.
 */
public interface RunListener {

    /** Called after each training batch and at the end of each epoch. */
    default void trainingProgress(TrainingProgress progress) {}

    /** Called at run milestones. */
    default void runEvent(RunEvent event) {}
}
