package org.robustlab.experiment;

/**
 * One row of a report's claims table: a claim of Han et al. (2021) checked with numbers measured in the run.
 *
 * @param claim the claim, for example "dual-BN clean AUROC is not worse than standard"
 * @param comparison the models compared, for example {@code dual-bn vs standard}
 * @param evidence the numbers, for example the difference with its 95% interval and the p-value
 * @param verdict whether the numbers support the claim
 */
public record Claim(String claim, String comparison, String evidence, Verdict verdict) {

    /** Whether a run's numbers support a claim. */
    public enum Verdict {
        /** The numbers support the claim at the stated criterion. */
        HOLDS,
        /** The numbers contradict the claim at the stated criterion. */
        DOES_NOT_HOLD,
        /** The difference is not significant, so the run cannot tell. */
        INCONCLUSIVE,
        /** The run did not measure what the claim needs; the evidence says what is missing. */
        NOT_MEASURED
    }
}
