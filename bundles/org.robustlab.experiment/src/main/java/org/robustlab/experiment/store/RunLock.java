package org.robustlab.experiment.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run folder, held by the process that writes the run. The operating system releases it
 * when the process ends, so a killed run leaves no stale lock behind.
 */
public final class RunLock implements AutoCloseable {

    /** Name of the lock file in the run folder; MLflow ignores files it does not know. */
    static final String FILE_NAME = ".robustlab.lock";

    private final FileChannel channel;

    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks a run folder.
     *
     * @throws IllegalStateException when another process or thread holds the lock
     */
    static RunLock acquire(Path runFolder) {
        FileChannel channel = null;
        try {
            channel =
                    FileChannel.open(runFolder.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(runFolder, null);
            }
            return new RunLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(runFolder, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock run folder " + runFolder + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static IllegalStateException inUse(Path runFolder, Exception cause) {
        return new IllegalStateException(
                "Run folder " + runFolder + " is in use by another Robustlab run; wait for"
                        + " it to finish or stop it before resuming",
                cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing was locked through this channel; closing it can only free the descriptor.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the run lock: " + e.getMessage(), e);
        }
    }
}
