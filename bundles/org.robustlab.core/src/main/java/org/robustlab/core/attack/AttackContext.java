package org.robustlab.core.attack;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * The setting an attack runs in.
 *
 * @param minValue smallest valid pixel value of the model's input
 * @param maxValue largest valid pixel value of the model's input
 * @param seed seed for random starts and restarts
 * @param monitor progress and cancellation; an attack checks it at least once per iteration and throws
 *     {@link org.eclipse.core.runtime.OperationCanceledException} when cancelled
 */
public record AttackContext(double minValue, double maxValue, long seed, IProgressMonitor monitor) {

    public AttackContext {
        if (!(minValue < maxValue)) {
            throw new IllegalArgumentException("minValue must be < maxValue, got " + minValue + ", " + maxValue);
        }
        monitor = monitor == null ? new NullProgressMonitor() : monitor;
    }

    /** Returns a context for inputs in [0, 1] with no progress reporting. */
    public static AttackContext unitRange(long seed) {
        return new AttackContext(0, 1, seed, null);
    }

    /**
     * Throws when the monitor was cancelled.
     *
     * @throws OperationCanceledException when {@link IProgressMonitor#isCanceled()} is set
     */
    public void checkCanceled() {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
