package org.robustlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What a command runs with.
 *
 * @param out standard output, for results
 * @param err standard error, for errors and progress
 * @param workingDirectory the directory relative paths resolve against
 * @param monitor cancellation: set when the user presses Ctrl-C
 * @param interactive whether standard error is a terminal, so a progress bar may redraw lines
 */
public record CommandContext(
        PrintStream out, PrintStream err, Path workingDirectory, IProgressMonitor monitor, boolean interactive) {

    /** Resolves a path argument against the working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
