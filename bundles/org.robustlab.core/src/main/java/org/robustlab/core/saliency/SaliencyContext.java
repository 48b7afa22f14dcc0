package org.robustlab.core.saliency;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * The setting a saliency method runs in.
 *
 * @param seed seed for methods that sample (SmoothGrad)
 * @param maxBatchSize largest number of images or samples per model pass; methods that evaluate many samples
 *     per image split them into batches of at most this size
 * @param monitor progress and cancellation
 */
public record SaliencyContext(long seed, int maxBatchSize, IProgressMonitor monitor) {

    public SaliencyContext {
        if (maxBatchSize <= 0) {
            throw new IllegalArgumentException("maxBatchSize must be > 0, got " + maxBatchSize);
        }
        monitor = monitor == null ? new NullProgressMonitor() : monitor;
    }

    /** Returns a context with the given seed, batches of up to 64 samples and no progress reporting. */
    public static SaliencyContext of(long seed) {
        return new SaliencyContext(seed, 64, null);
    }

    /**
     * Throws {@link OperationCanceledException} when the monitor is cancelled. Methods call it before every model
     * pass.
     */
    public void checkCanceled() {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    /** Returns the number of model passes needed for {@code samples} samples in batches of {@link #maxBatchSize}. */
    public int batchCount(long samples) {
        return Math.toIntExact((samples + maxBatchSize - 1) / maxBatchSize);
    }
}
