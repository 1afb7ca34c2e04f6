package io.thermoscope.reproduce;

import io.thermoscope.decision.Decision;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.Verdict;

import java.util.Objects;
import java.util.Set;

/**
 * "C_v^max stays bounded as the system grows": the exponent a of C_v^max ∝ x^a (x = p, or the number of operands
 * k) tested for equivalence to 0 within ±{@code margin} ({@link EquivalenceRule}) — but only over a range of x that
 * spans at least {@code minSpan} (a decade) with at least {@code minValues} values; a narrower range is inconclusive
 * whatever its exponent, because a power law cannot be told from a crossover over a factor of two.
 *
 * @param variable  the scaling variable as the report names it ("p", "k")
 * @param margin    the equivalence margin of a
 * @param minSpan   smallest x_max/x_min accepted
 * @param minValues fewest values of x accepted
 */
public record ScalingRule(String variable, double margin, double minSpan, int minValues) implements Rule<ScalingRule.Evidence> {

    /** Validates the constants. */
    public ScalingRule {
        Objects.requireNonNull(variable, "variable");
        if (!(margin > 0) || !Double.isFinite(margin)) throw new IllegalArgumentException("margin must be finite and > 0");
        if (!(minSpan > 1)) throw new IllegalArgumentException("minSpan must be > 1");
        if (minValues < 2) throw new IllegalArgumentException("minValues must be >= 2");
    }

    /**
     * What the rule reads.
     *
     * @param exponent the fitted exponent with its 95 % interval; units = values of x
     * @param span     x_max / x_min
     */
    public record Evidence(Estimate exponent, double span) {}

    /** The equivalence part. */
    EquivalenceRule equivalence() {
        return new EquivalenceRule("the exponent a of C_v^max ∝ " + variable + "^a", 0, margin, 0.95, minValues,
                "values of " + variable);
    }

    @Override
    public String text() {
        return equivalence().text() + "; and inconclusive unless " + variable + " spans at least a factor "
                + Numbers.constant(minSpan) + " (x_max/x_min)";
    }

    @Override
    public Set<Verdict> outcomes() {
        return equivalence().outcomes();
    }

    @Override
    public Decision decide(Evidence e) {
        Objects.requireNonNull(e, "evidence");
        if (!(e.span() >= minSpan)) {
            return Decision.of(Verdict.INCONCLUSIVE, variable + " spans a factor " + Numbers.format(e.span()) + " only, less than the "
                    + Numbers.constant(minSpan) + " the rule needs (a = " + e.exponent().text() + ")");
        }
        return equivalence().decide(e.exponent());
    }
}
