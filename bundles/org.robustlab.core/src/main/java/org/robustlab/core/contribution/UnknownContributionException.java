package org.robustlab.core.contribution;

import java.util.List;

/** Thrown when no contribution of a kind has the requested id; the message lists the ids that exist. */
public class UnknownContributionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownContributionException(String kind, String id, List<String> available) {
        super("Unknown " + kind + " '" + id + "'. Available: "
                + (available.isEmpty() ? "none (is the providing bundle installed and started?)" : available));
    }
}
