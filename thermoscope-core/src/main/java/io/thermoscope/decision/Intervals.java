package io.thermoscope.decision;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Checks and decisions shared by the interval rules ({@link BoundRule}, {@link EquivalenceRule}). */
final class Intervals {
    private Intervals() {
    }

    /**
     * Requires that {@code e}'s interval has the confidence level the rule states (an exact number qualifies at
     * every level): a rule must not silently read a 68 % interval as a 95 % one.
     */
    static void requireLevel(Estimate e, double confidence) {
        boolean exact = e.confidence() == 1 && e.low() == e.high();
        if (!exact && Math.abs(e.confidence() - confidence) > 1e-12) {
            throw new IllegalArgumentException("the rule reads " + Numbers.percent(confidence) + " intervals, got "
                    + Numbers.percent(e.confidence()));
        }
    }

    /** The verdicts an interval rule can reach: holds, does not hold, inconclusive. */
    static Set<Verdict> outcomes() {
        return EnumSet.of(Verdict.HOLDS, Verdict.DOES_NOT_HOLD, Verdict.INCONCLUSIVE);
    }

    /** Validates the constants the interval rules share. */
    static void requireConstants(String quantity, double confidence, int minUnits, String unit) {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must lie in (0, 1)");
        if (minUnits < 1) throw new IllegalArgumentException("minUnits must be >= 1");
    }

    /**
     * The decision an interval rule reaches before reading the interval: after {@link #requireLevel}, inconclusive
     * (with the units still missing) when {@code e} rests on fewer than {@code minUnits} units, inconclusive when it
     * is not finite; empty when the interval can be read.
     */
    static Optional<Decision> unreadable(String quantity, Estimate e, double confidence, int minUnits, String unit) {
        requireLevel(e, confidence);
        if (e.units() < minUnits) {
            return Optional.of(Decision.inconclusive(quantity + " rests on " + e.units() + " " + unit + ", fewer than the "
                    + minUnits + " the rule needs", new Decision.Shortfall(e.units(), minUnits, unit)));
        }
        if (!e.finite()) return Optional.of(Decision.of(Verdict.INCONCLUSIVE, quantity + " is not finite: " + e.text()));
        return Optional.empty();
    }

    /**
     * Inconclusive for lack of power: with the shortfall of units that would bring {@code e}'s half-width below
     * {@code halfWidth} (assuming it narrows as 1/√units), when that is more than {@code e} has.
     */
    static Decision underpowered(String reason, Estimate e, double halfWidth, String unit) {
        int needed = e.unitsForHalfWidth(halfWidth);
        return needed > e.units() ? Decision.inconclusive(reason, new Decision.Shortfall(e.units(), needed, unit))
                : Decision.of(Verdict.INCONCLUSIVE, reason);
    }
}
