package org.robustlab.ui.handlers;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Error dialogs that name what failed: the title names the operation, the message the input and the reason, and
 * the details list the chain of causes. Patient identifiers never reach these messages, because the services
 * that raise them never read them.
 */
public final class Problems {

    private static final String PLUGIN_ID = "org.robustlab.ui";

    private Problems() {}

    /** Returns a status whose message is {@code message} and whose children are the causes of {@code error}. */
    public static MultiStatus status(String message, Throwable error) {
        MultiStatus status = new MultiStatus(PLUGIN_ID, IStatus.ERROR, message, error);
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            status.add(Status.error(cause.getClass().getSimpleName() + ": " + text));
            if (cause.getCause() == cause) {
                break;
            }
        }
        return status;
    }

    /**
     * Opens an error dialog titled "{@code operation} failed".
     *
     * @param block whether {@code open} waits until the user closes the dialog
     * @return the dialog
     */
    public static ErrorDialog open(Shell parent, String operation, IStatus status, boolean block) {
        ErrorDialog dialog = new ErrorDialog(
                parent, operation + " failed", operation + " failed.", status, IStatus.ERROR | IStatus.WARNING);
        dialog.setBlockOnOpen(block);
        dialog.open();
        return dialog;
    }
}
