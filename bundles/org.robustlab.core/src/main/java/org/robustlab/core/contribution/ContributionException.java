package org.robustlab.core.contribution;

/**
 * Thrown when a contribution fails: it could not be activated, or it threw while it was called. The message
 * names the contribution's kind, id and bundle so that a faulty plug-in can be identified and removed.
 */
public class ContributionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ContributionInfo info;

    public ContributionException(ContributionInfo info, String message, Throwable cause) {
        super(info.kind() + " '" + info.id() + "' from bundle " + info.bundle() + " failed: " + message, cause);
        this.info = info;
    }

    /** Returns the contribution that failed. */
    public ContributionInfo info() {
        return info;
    }
}
