package io.thermoscope.decision;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An equivalence test (two one-sided intervals, Schuirmann 1987): the claim "the quantity equals {@code target}
 * within ±{@code margin}" holds when the whole confidence interval lies inside the band, does not hold when the
 * whole interval lies outside it, and is inconclusive when the interval straddles a band edge or rests on fewer
 * than {@code minUnits} independent units. An inconclusive decision says how many units would shrink the interval
 * enough to decide, assuming it narrows as 1/√units.
 *
 * @param quantity   what is tested, as the report names it ("exponent a of C_v^max ∝ p^a")
 * @param target     the value the claim asserts
 * @param margin     the half-width of the band of practical equivalence, &gt; 0
 * @param confidence the interval's confidence level the rule requires
 * @param minUnits   fewest independent units the rule accepts
 * @param unit       what a unit is, plural
 */
public record EquivalenceRule(String quantity, double target, double margin, double confidence, int minUnits, String unit)
        implements Rule<Estimate> {

    /** Validates the constants. */
    public EquivalenceRule {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        if (!(margin > 0) || !Double.isFinite(margin) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("margin must be finite and > 0, target finite");
        }
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must lie in (0, 1)");
        if (minUnits < 1) throw new IllegalArgumentException("minUnits must be >= 1");
    }

    @Override
    public String text() {
        return "holds if the " + Numbers.percent(confidence) + " CI of " + quantity + " lies inside "
                + Numbers.constant(target) + " ± " + Numbers.constant(margin) + "; does not hold if it lies entirely "
                + "outside; inconclusive if it straddles an edge or rests on fewer than " + minUnits + " " + unit;
    }

    @Override
    public Set<Verdict> outcomes() {
        return EnumSet.of(Verdict.HOLDS, Verdict.DOES_NOT_HOLD, Verdict.INCONCLUSIVE);
    }

    @Override
    public Decision decide(Estimate e) {
        Intervals.requireLevel(e, confidence);
        if (e.units() < minUnits) {
            return Decision.inconclusive(quantity + " rests on " + e.units() + " " + unit + ", fewer than the "
                    + minUnits + " the rule needs", new Decision.Shortfall(e.units(), minUnits, unit));
        }
        if (!e.finite()) return Decision.of(Verdict.INCONCLUSIVE, quantity + " is not finite: " + e.text());
        double lo = target - margin, hi = target + margin;
        String band = "[" + Numbers.format(lo) + ", " + Numbers.format(hi) + "]";
        if (e.low() >= lo && e.high() <= hi) {
            return Decision.of(Verdict.HOLDS, quantity + " = " + e.text() + " lies inside " + band);
        }
        if (e.high() < lo || e.low() > hi) {
            return Decision.of(Verdict.DOES_NOT_HOLD, quantity + " = " + e.text() + " lies entirely outside " + band);
        }
        double dist = Math.abs(e.value() - target);
        // to decide, the half-width must fall below the distance from the point to the nearer band edge
        int needed = e.unitsForHalfWidth(Math.abs(margin - dist));
        String reason = quantity + " = " + e.text() + " straddles an edge of " + band;
        return needed > e.units() ? Decision.inconclusive(reason, new Decision.Shortfall(e.units(), needed, unit))
                : Decision.of(Verdict.INCONCLUSIVE, reason);
    }
}
