package org.robustlab.training;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Trains a network on a dataset with a training mode, engine-neutrally; the command line and the workbench use it
 * as an OSGi service.
 *
 * <p>A run is reproducible and survivable: it is seeded, its run folder holds a manifest with every parameter,
 * the dataset's content hash and the library versions, and checkpoints written atomically with a SHA-256 sidecar.
 * Running a request again on a folder that holds a checkpoint of the same configuration resumes it, and on the CPU
 * reaches the same final weights as a run that was never interrupted.
 */
public interface TrainingLoop {

    /**
     * Runs or resumes a training run.
     *
     * @param monitor progress and cancellation; a cancelled monitor stops the run within one batch
     * @throws IllegalArgumentException when the request is inconsistent (mode, network and dataset do not fit) or
     *     the run folder holds a different run
     * @throws IOException when the run folder cannot be written or a checkpoint is corrupt
     */
    TrainingOutcome run(TrainingRequest request, IProgressMonitor monitor) throws IOException;
}
