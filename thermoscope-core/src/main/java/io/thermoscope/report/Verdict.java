package io.thermoscope.report;

/** The outcome of testing one claim against the numbers; decided by a stated rule, never assumed. */
public enum Verdict {
    /** The numbers satisfy the rule that would confirm the claim. */
    HOLDS("holds"),
    /** The numbers satisfy the rule that would refute the claim. */
    DOES_NOT_HOLD("does not hold"),
    /** Neither rule is met (too little data, intervals straddle the threshold, a stage failed). */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The words shown in the report. */
    public String label() {
        return label;
    }
}
