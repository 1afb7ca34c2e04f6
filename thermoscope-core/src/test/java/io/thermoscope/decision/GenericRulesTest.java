package io.thermoscope.decision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.thermoscope.decision.RuleTable.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table tests of the generic rules: synthetic evidence for every outcome, shortfalls, and the rendered sentences. */
class GenericRulesTest {
    static Estimate est(double v, double lo, double hi, int n) {
        return new Estimate(v, lo, hi, 0.95, n, "documents");
    }

    @Test
    void equivalenceRuleReachesEveryOutcome() {
        EquivalenceRule rule = new EquivalenceRule("exponent a", 0, 0.2, 0.95, 5, "values of p");
        List<Decision> d = RuleTable.check(rule,
                row("inside the band", new Estimate(0.05, -0.1, 0.15, 0.95, 8, "values of p"), Verdict.HOLDS),
                row("edges included", new Estimate(0, -0.2, 0.2, 0.95, 8, "values of p"), Verdict.HOLDS),
                row("entirely above", new Estimate(0.5, 0.3, 0.7, 0.95, 8, "values of p"), Verdict.DOES_NOT_HOLD),
                row("entirely below", new Estimate(-0.5, -0.7, -0.21, 0.95, 8, "values of p"), Verdict.DOES_NOT_HOLD),
                row("straddles", new Estimate(0.1, -0.1, 0.3, 0.95, 8, "values of p"), Verdict.INCONCLUSIVE),
                row("too few units", new Estimate(0, -0.01, 0.01, 0.95, 3, "values of p"), Verdict.INCONCLUSIVE),
                row("NaN interval", new Estimate(0, Double.NaN, Double.NaN, 0.95, 8, "values of p"), Verdict.INCONCLUSIVE),
                row("exact value inside", Estimate.exact(0.1, 8, "values of p"), Verdict.HOLDS));
        // straddling: half-width 0.2 must shrink to 0.2 − 0.1 = 0.1 → 4× the units
        assertEquals(new Decision.Shortfall(8, 32, "values of p"), d.get(4).shortfall());
        assertEquals(new Decision.Shortfall(3, 5, "values of p"), d.get(5).shortfall());
        assertNull(d.get(6).shortfall());
        assertEquals("holds if the 95 % CI of exponent a lies inside 0 ± 0.2; does not hold if it lies entirely outside; "
                + "inconclusive if it straddles an edge or rests on fewer than 5 values of p", rule.text());
    }

    @Test
    void boundRuleReachesEveryOutcomeOnBothSides() {
        BoundRule above = new BoundRule("share of runs with the peak first", BoundRule.Side.ABOVE, 0.5, 0.95, 5, "runs");
        List<Decision> d = RuleTable.check(above,
                row("above", new Estimate(0.9, 0.6, 0.98, 0.95, 10, "runs"), Verdict.HOLDS),
                row("below", new Estimate(0.1, 0.02, 0.4, 0.95, 10, "runs"), Verdict.DOES_NOT_HOLD),
                row("touches from below", new Estimate(0.3, 0.1, 0.5, 0.95, 10, "runs"), Verdict.DOES_NOT_HOLD),
                row("contains", new Estimate(0.6, 0.3, 0.8, 0.95, 10, "runs"), Verdict.INCONCLUSIVE),
                row("too few", new Estimate(1, 0.4, 1, 0.95, 4, "runs"), Verdict.INCONCLUSIVE));
        // contains: half-width 0.25 must shrink below |0.6 − 0.5| = 0.1 → 10·6.25 = 62.5 → 63 runs
        assertEquals(63, d.get(3).shortfall().needed());
        BoundRule below = new BoundRule("slope of T_eff", BoundRule.Side.BELOW, 0, 0.95, 3, "seeds");
        RuleTable.check(below,
                row("negative", new Estimate(-2, -3, -1, 0.95, 5, "seeds"), Verdict.HOLDS),
                row("positive", new Estimate(2, 1, 3, 0.95, 5, "seeds"), Verdict.DOES_NOT_HOLD),
                row("zero inside", new Estimate(0.1, -1, 1, 0.95, 5, "seeds"), Verdict.INCONCLUSIVE));
    }

    @Test
    void identityRuleIsVerifiedOrViolated() {
        IdentityRule rule = new IdentityRule("max |ρ − softmax|", 1e-6, "softmax is the exact minimiser for any energies");
        RuleTable.check(rule,
                row("tiny residual", 2e-7, Verdict.IDENTITY_VERIFIED),
                row("at the tolerance", 1e-6, Verdict.IDENTITY_VERIFIED),
                row("too large", 1e-3, Verdict.DOES_NOT_HOLD),
                row("NaN", Double.NaN, Verdict.DOES_NOT_HOLD));
        assertTrue(rule.identity());
        assertTrue(rule.text().contains("1e-6"), rule.text());
    }

    @Test
    void aRuleRefusesAnIntervalAtAnotherLevel() {
        EquivalenceRule rule = new EquivalenceRule("x", 0, 1, 0.9, 1, "documents");
        assertThrows(IllegalArgumentException.class, () -> rule.decide(est(0, -0.5, 0.5, 10)));
        assertEquals(Verdict.HOLDS, rule.decide(new Estimate(0, -0.5, 0.5, 0.9, 10, "documents")).verdict());
    }

    @Test
    void wilsonIntervalMatchesTheClosedForm() {
        // Wilson (1927) interval for 8 of 10 at 95 %: reference values from the closed form with z = 1.959963984540054
        Estimate e = Estimate.proportion(8, 10, 0.95, "runs");
        assertEquals(0.8, e.value(), 0);
        assertEquals(0.4901625, e.low(), 1e-6);
        assertEquals(0.9433178, e.high(), 1e-6);
        assertEquals(Estimate.proportion(0, 10, 0.95, "runs").low(), 0, 0);
        assertNotNull(Estimate.proportion(0, 0, 0.95, "runs"));
    }

    @Test
    void constantsRenderExactly() {
        assertEquals("0.2", Numbers.constant(0.2));
        assertEquals("1e-6", Numbers.constant(1e-6));
        assertEquals("5", Numbers.constant(5));
        assertEquals("95 %", Numbers.percent(0.95));
        assertEquals("1e15", Numbers.constant(1e15));
        assertEquals("-2.5e-7", Numbers.constant(-2.5e-7));
    }
}
