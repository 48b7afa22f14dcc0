package org.robustlab.experiment.internal;

import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.robustlab.core.contribution.ContributionException;
import org.robustlab.core.contribution.ContributionRegistry;
import org.robustlab.core.event.RunEvent;
import org.robustlab.core.event.RunListener;
import org.robustlab.experiment.ContributionCatalog;
import org.robustlab.experiment.Experiment;
import org.robustlab.experiment.store.RunStore;
import org.robustlab.experiment.store.StoredRun;

/**
 * Everything one run works with: the experiment, the contributions, the store and run folder, the saved progress,
 * and where progress goes.
 */
record RunSession(
        Experiment experiment,
        ContributionCatalog catalog,
        RunStore store,
        StoredRun run,
        RunState state,
        RunListener listener,
        IProgressMonitor monitor) {

    /** Publishes a run event with the overall completion, NaN when unknown. */
    void event(RunEvent.Kind kind, String message, double fraction) {
        listener.runEvent(new RunEvent(run.runId(), kind, message, fraction));
    }

    /**
     * Calls a contribution with the registry's failure isolation, but lets a cancellation inside it through as
     * such, so that a cancelled run is not reported as a faulty contribution.
     */
    <T, R> R call(ContributionRegistry<T> registry, String id, Function<? super T, R> action) {
        try {
            return registry.call(id, action);
        } catch (ContributionException e) {
            if (e.getCause() instanceof OperationCanceledException cancellation) {
                throw cancellation;
            }
            throw e;
        }
    }

    /** Throws when the user cancelled the run. */
    void checkCancelled() {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
