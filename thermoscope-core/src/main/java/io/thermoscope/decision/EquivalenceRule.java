package io.thermoscope.decision;

import java.util.Optional;
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
        Intervals.requireConstants(quantity, confidence, minUnits, unit);
        if (!(margin > 0) || !Double.isFinite(margin) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("margin must be finite and > 0, target finite");
        }
    }

    @Override
    public String text() {
        return "holds if the " + Numbers.percent(confidence) + " CI of " + quantity + " lies inside "
                + Numbers.constant(target) + " ± " + Numbers.constant(margin) + "; does not hold if it lies entirely "
                + "outside; inconclusive if it straddles an edge or rests on fewer than " + minUnits + " " + unit;
    }

    @Override
    public Set<Verdict> outcomes() {
        return Intervals.outcomes();
    }

    @Override
    public Decision decide(Estimate e) {
        Optional<Decision> unreadable = Intervals.unreadable(quantity, e, confidence, minUnits, unit);
        if (unreadable.isPresent()) return unreadable.get();
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
        return Intervals.underpowered(quantity + " = " + e.text() + " straddles an edge of " + band, e,
                Math.abs(margin - dist), unit);
    }
}
