package org.robustlab.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a completed run.
 *
 * @param runId the run id in the store
 * @param runFolder the run folder
 * @param report the HTML report
 * @param claims the claims table of the report
 */
public record RunSummary(String runId, Path runFolder, Path report, List<Claim> claims) {

    public RunSummary {
        claims = List.copyOf(claims);
    }
}
