package io.thermoscope.decision;

/**
 * The outcome of testing one claim, decided by a stated {@link Rule} — never assumed. Empirical verdicts
 * ({@link #HOLDS}, {@link #DOES_NOT_HOLD}, {@link #INCONCLUSIVE}) say something about the claim; an
 * {@link #IDENTITY_VERIFIED} verdict only says that a mathematical identity was computed correctly (it could not have
 * failed on correct code); {@link #FAILED} means the computation did not run to the end.
 */
public enum Verdict {
    /** The evidence satisfies the rule's condition for confirming the claim. */
    HOLDS("holds"),
    /** The evidence satisfies the rule's condition for refuting the claim (or an identity was violated). */
    DOES_NOT_HOLD("does not hold"),
    /** Neither condition is met: too few units, or an interval that straddles the rule's boundary. */
    INCONCLUSIVE("inconclusive"),
    /** A mathematical identity checked numerically within its tolerance; it tests the bookkeeping, not the theory. */
    IDENTITY_VERIFIED("identity verified"),
    /** The computation behind the claim did not finish; the error is reported instead of a verdict. */
    FAILED("failed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The words shown in the report and written to claims.json/csv. */
    public String label() {
        return label;
    }

    /** Whether this verdict is an empirical finding about a claim (holds, does not hold, inconclusive). */
    public boolean empirical() {
        return this == HOLDS || this == DOES_NOT_HOLD || this == INCONCLUSIVE;
    }

    /** The verdict with this label (as written to claims.json); throws {@link IllegalArgumentException} otherwise. */
    public static Verdict ofLabel(String label) {
        for (Verdict v : values()) if (v.label.equals(label)) return v;
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }
}
