package io.thermoscope.decision;

import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link Rule} decided from one piece of evidence.
 *
 * @param verdict   the verdict
 * @param reason    one sentence: which condition of the rule the evidence met, with the numbers that met it
 * @param shortfall when the verdict is inconclusive for lack of power, how many independent units would be
 *                  needed; {@code null} otherwise
 */
public record Decision(Verdict verdict, String reason, Shortfall shortfall) {

    /** Validates: a reason is always given; a shortfall only accompanies an inconclusive verdict. */
    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a decision needs a reason");
        if (shortfall != null && verdict != Verdict.INCONCLUSIVE) {
            throw new IllegalArgumentException("only an inconclusive decision has a shortfall");
        }
    }

    /** A decision without a shortfall. */
    public static Decision of(Verdict verdict, String reason) {
        return new Decision(verdict, reason, null);
    }

    /** An inconclusive decision that says how many units would be needed. */
    public static Decision inconclusive(String reason, Shortfall shortfall) {
        return new Decision(Verdict.INCONCLUSIVE, reason, shortfall);
    }

    /**
     * How much more evidence an inconclusive rule would need.
     *
     * @param have   independent units the evidence had
     * @param needed units the rule would need (an estimate where it scales a confidence interval)
     * @param unit   what a unit is, plural ("documents", "seeds", "runs that grok")
     */
    public record Shortfall(int have, int needed, String unit) {
        /** Validates the counts. */
        public Shortfall {
            if (have < 0 || needed <= have) throw new IllegalArgumentException("a shortfall needs needed > have >= 0");
            Objects.requireNonNull(unit, "unit");
        }

        /** "≈ 180 documents would be needed (have 50)". */
        public String text() {
            return String.format(Locale.ROOT, "≈ %d %s would be needed (have %d)", needed, unit, have);
        }
    }
}
