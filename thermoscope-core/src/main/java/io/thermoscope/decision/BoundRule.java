package io.thermoscope.decision;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A one-sided claim: "the quantity lies above (or below) {@code threshold}". It holds when the whole confidence
 * interval lies strictly on the claimed side, does not hold when the whole interval lies on the other side (or on
 * the threshold), and is inconclusive when the interval contains the threshold or rests on fewer than
 * {@code minUnits} units — then with the number of units that would separate it from the threshold.
 *
 * @param quantity   what is tested
 * @param side       on which side of the threshold the claim puts the quantity
 * @param threshold  the boundary
 * @param confidence the interval's confidence level the rule requires
 * @param minUnits   fewest independent units the rule accepts
 * @param unit       what a unit is, plural
 */
public record BoundRule(String quantity, Side side, double threshold, double confidence, int minUnits, String unit)
        implements Rule<Estimate> {

    /** Where the claim puts the quantity relative to the threshold. */
    public enum Side {
        /** The claim: quantity &gt; threshold. */
        ABOVE("above"),
        /** The claim: quantity &lt; threshold. */
        BELOW("below");

        private final String word;

        Side(String word) {
            this.word = word;
        }

        /** "above" or "below". */
        public String word() {
            return word;
        }
    }

    /** Validates the constants. */
    public BoundRule {
        Objects.requireNonNull(side, "side");
        Intervals.requireConstants(quantity, confidence, minUnits, unit);
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException("threshold must be finite");
    }

    @Override
    public String text() {
        String other = side == Side.ABOVE ? "at or below" : "at or above";
        return "holds if the " + Numbers.percent(confidence) + " CI of " + quantity + " lies " + side.word() + " "
                + Numbers.constant(threshold) + "; does not hold if it lies entirely " + other + " it; inconclusive if "
                + "it contains " + Numbers.constant(threshold) + " or rests on fewer than " + minUnits + " " + unit;
    }

    @Override
    public Set<Verdict> outcomes() {
        return Intervals.outcomes();
    }

    @Override
    public Decision decide(Estimate e) {
        Optional<Decision> unreadable = Intervals.unreadable(quantity, e, confidence, minUnits, unit);
        if (unreadable.isPresent()) return unreadable.get();
        boolean above = side == Side.ABOVE;
        boolean claimed = above ? e.low() > threshold : e.high() < threshold;
        boolean refuted = above ? e.high() <= threshold : e.low() >= threshold;
        String thr = Numbers.constant(threshold);
        if (claimed) return Decision.of(Verdict.HOLDS, quantity + " = " + e.text() + " lies " + side.word() + " " + thr);
        if (refuted) {
            return Decision.of(Verdict.DOES_NOT_HOLD, quantity + " = " + e.text() + " lies " + (above ? "at or below " : "at or above ") + thr);
        }
        return Intervals.underpowered(quantity + " = " + e.text() + " contains " + thr, e, Math.abs(e.value() - threshold),
                unit);
    }
}
