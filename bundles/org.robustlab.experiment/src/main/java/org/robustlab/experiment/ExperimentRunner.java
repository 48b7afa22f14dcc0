package org.robustlab.experiment;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.robustlab.core.event.RunListener;

/**
 * Runs experiments: imports the dataset, trains every model, evaluates them and writes the report, all into one
 * run folder of an MLflow-layout run store. Registered as an OSGi service.
 *
 * <p>A run records each completed phase, so {@link #resume} continues an interrupted run where it stopped: models
 * that finished training are not trained again, and a model interrupted mid-training continues from its last
 * epoch checkpoint.
 */
public interface ExperimentRunner {

    /** Returns the reader that validates experiment files against the installed contributions. */
    ExperimentReader reader();

    /** Returns the installed contributions that runs use, for commands that work on a finished run. */
    ContributionCatalog catalog();

    /**
     * Starts a new run of a validated experiment in a fresh run folder.
     *
     * @param storeRoot the run store's root folder; created when missing
     * @param sourceText the experiment file's text, kept in the run folder next to the effective configuration
     * @throws IOException when reading data or writing the run folder fails
     * @throws org.eclipse.core.runtime.OperationCanceledException when {@code monitor} is cancelled; the run can be
     *     resumed
     */
    RunSummary run(
            Experiment experiment, String sourceText, Path storeRoot, RunListener listener, IProgressMonitor monitor)
            throws IOException;

    /**
     * Resumes an interrupted run.
     *
     * @param runFolder the run folder, {@code <store>/<experiment id>/<run id>}
     * @throws IllegalArgumentException when the folder is not a Robustlab run
     * @throws IllegalStateException when another process is writing the run
     * @throws IOException when reading data or writing the run folder fails
     */
    RunSummary resume(Path runFolder, RunListener listener, IProgressMonitor monitor) throws IOException;
}
