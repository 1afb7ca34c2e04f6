package io.thermoscope.reproduce;

import io.thermoscope.attention.AttentionPass;
import io.thermoscope.attention.AttentionScan;
import io.thermoscope.attention.Compressibility;
import io.thermoscope.attention.ContextGrowth;
import io.thermoscope.attention.HeadPhases;
import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Decision;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.RuleTable;
import io.thermoscope.decision.Verdict;
import io.thermoscope.langevin.CwPotential;
import io.thermoscope.langevin.FieldKind;
import io.thermoscope.langevin.LandauPotential;
import io.thermoscope.langevin.PhaseStructure;
import io.thermoscope.stats.ClusterBootstrap;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

import static io.thermoscope.decision.RuleTable.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule the report decides by has a table of synthetic evidence reaching each of its outcomes. The generic rules
 * ({@link EquivalenceRule}, {@link BoundRule}, {@link IdentityRule}) have their tables in thermoscope-core
 * ({@code GenericRulesTest}); the stage-specific ones have theirs here, and {@link #everyRuleOfTheReportHasATable}
 * fails when a stage starts deciding by a rule class without one.
 */
class StageRulesTest {
    /** Rule classes whose table lives in this class or in core's GenericRulesTest. */
    static final Set<Class<?>> TABLED = Set.of(EquivalenceRule.class, BoundRule.class, IdentityRule.class,
            LangevinStage.TransitionPeakRule.class, RemainderRule.class, PrecursorRule.class, ScalingRule.class);

    @Test
    void everyRuleOfTheReportHasATable() {
        Set<Class<?>> used = new HashSet<>();
        for (Stage st : Stages.all()) {
            for (boolean full : new boolean[]{false, true}) {
                for (Rule<?> r : st.rules(new ReproductionConfig(full, Path.of("x"), 0))) used.add(r.getClass());
            }
        }
        used.removeAll(TABLED);
        assertTrue(used.isEmpty(), "rules without a table test: " + used);
    }

    /**
     * The transition rule on the phase structures it decides: the Landau φ⁴ control (a disordered phase for α &gt; 0) holds,
     * the paper's Coleman–Weinberg potential does not (no disordered phase at any α), both computed; then synthetic C_v
     * curves on the Landau structure for a peak far from the transition, no peak with the window inside the range, and
     * no peak with the window reaching past it.
     */
    @Test
    void langevinTransitionPeakRule() {
        LandauPotential landau = new LandauPotential(1);
        PhaseStructure control = PhaseStructure.of(landau, FieldKind.REAL, 0.1, -3, 1, 201);
        PhaseStructure paper = PhaseStructure.of(new CwPotential(1, 1), FieldKind.REAL, 0.1, -3, 1, 201);
        PhaseStructure ordered = PhaseStructure.of(landau, FieldKind.REAL, 0.1, -3, -1, 21);
        RuleTable.check(LangevinStage.TRANSITION,
                row("Landau control: C_v peaks in the crossover window", control, Verdict.HOLDS),
                row("Coleman–Weinberg (the paper's potential): no disordered phase", paper, Verdict.DOES_NOT_HOLD),
                row("Landau, ordered phase only", ordered, Verdict.DOES_NOT_HOLD),
                row("Landau, C_v peaks far from α_c", synthetic(landau, -8, 4, x -> Math.exp(-(x + 7) * (x + 7))), Verdict.DOES_NOT_HOLD),
                row("Landau, monotone C_v, window inside the range", synthetic(landau, -8, 8, x -> 1 + 0.01 * x), Verdict.DOES_NOT_HOLD),
                row("Landau, monotone C_v, window past the range", synthetic(landau, -1, 1, x -> 1 + 0.01 * x), Verdict.INCONCLUSIVE));
        assertEquals(2, control.window(10), 1e-9, "Landau: barrier α²/(4b) = 10 D at |α| = 2√(10 b D)");
    }

    private static PhaseStructure synthetic(LandauPotential pot, double lo, double hi, java.util.function.DoubleUnaryOperator cv) {
        int n = 81;
        double[] a = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + (hi - lo) * i / (n - 1);
            c[i] = cv.applyAsDouble(a[i]);
        }
        return new PhaseStructure(pot, FieldKind.REAL, 0.1, a, c, hi >= 0, lo < 0, 0, pot.vacuumCurvature(lo),
                pot.vacuumCurvature(hi));
    }

    @Test
    void jarzynskiEstimateIsTheExponentialAverage() {
        // W ~ N(μ, σ²): −D ln⟨e^{−W/D}⟩ = μ − σ²/(2D) exactly for the law; two equal works give the work itself
        assertEquals(-3.5, LangevinStage.jarzynski(List.of(-3.5, -3.5), 0.1), 1e-15);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        List<Double> w = new java.util.ArrayList<>();
        for (int i = 0; i < 200_000; i++) w.add(2 + 0.1 * r.nextGaussian());
        assertEquals(2 - 0.01 / 0.2, LangevinStage.jarzynski(w, 0.1), 2e-3);
    }

    @Test
    void remainderRule() {
        RemainderRule rule = new RemainderRule("C_V − A₂", 1, 0.1, 3);
        List<RemainderRule.Point> good = List.of(new RemainderRule.Point(1_000, 0.005), new RemainderRule.Point(1_000_000, 0.0024),
                new RemainderRule.Point(1_000_000_000_000_000L, 0.001));
        RuleTable.check(rule,
                row("O(1/L) everywhere (the γ = 1 sums)", good, Verdict.HOLDS),
                row("wrong constant term: L·|r| grows", List.of(new RemainderRule.Point(1_000, 0.01),
                        new RemainderRule.Point(1_000_000, 0.01), new RemainderRule.Point(1_000_000_000_000_000L, 0.01)), Verdict.DOES_NOT_HOLD),
                row("one-term asymptote: r grows like L", List.of(new RemainderRule.Point(1_000, 0.6),
                        new RemainderRule.Point(1_000_000, 1.3), new RemainderRule.Point(1_000_000_000_000_000L, 3.4)), Verdict.DOES_NOT_HOLD),
                row("pre-asymptotic at small N only", List.of(new RemainderRule.Point(1_000, 0.05),
                        new RemainderRule.Point(1_000_000, 0.0024), new RemainderRule.Point(1_000_000_000_000_000L, 0.001)), Verdict.INCONCLUSIVE),
                row("a remainder is NaN", List.of(new RemainderRule.Point(1_000, Double.NaN),
                        new RemainderRule.Point(1_000_000, 0.0024), new RemainderRule.Point(1_000_000_000_000_000L, 0.001)), Verdict.INCONCLUSIVE),
                row("too few values of N", good.subList(0, 2), Verdict.INCONCLUSIVE));
        // the stage's own rules, on the exact numbers the stage computes
        double c1 = io.thermoscope.distance.CriticalScaling.remainderCoefficient();
        assertTrue(DistancePhasesStage.ASYMPTOTE.bound() > 2 * c1, "the bound must admit the theoretical 1/L coefficient");
    }

    static Estimate docs(double value, double low, double high, int documents) {
        return new Estimate(value, low, high, 0.90, documents, "documents");
    }

    @Test
    void kappaConvergenceRule() {
        List<Decision> d = RuleTable.check(KappaStage.RULE,
                row("PV/T settles", docs(0.02, -0.04, 0.07, 50), Verdict.HOLDS),
                row("PV/T still grows by a third", docs(0.35, 0.25, 0.45, 50), Verdict.DOES_NOT_HOLD),
                row("interval straddles +10 %", docs(0.08, -0.02, 0.18, 50), Verdict.INCONCLUSIVE),
                row("too few documents", docs(0.01, 0, 0.02, 10), Verdict.INCONCLUSIVE));
        assertTrue(d.get(2).shortfall().needed() > 50, "a straddling interval says how many documents would decide");
    }

    @Test
    void realHeadRules() {
        RuleTable.check(RealHeadPhasesStage.BOUNDARY,
                row("the readings agree on nearly every head", docs(0.97, 0.93, 0.99, 50), Verdict.HOLDS),
                row("they disagree on a third", docs(0.6, 0.5, 0.7, 50), Verdict.DOES_NOT_HOLD),
                row("interval contains 0.9", docs(0.9, 0.85, 0.95, 50), Verdict.INCONCLUSIVE));
        RuleTable.check(RealHeadPhasesStage.NEAR_ONE,
                row("most heads just below 1", docs(0.7, 0.6, 0.8, 50), Verdict.HOLDS),
                row("few heads there", docs(0.1, 0.05, 0.15, 50), Verdict.DOES_NOT_HOLD),
                row("interval contains one half", docs(0.5, 0.4, 0.6, 50), Verdict.INCONCLUSIVE));
        RuleTable.check(RealHeadPhasesStage.PV_T,
                row("PV/T = 1 − γ", docs(0.02, -0.05, 0.08, 50), Verdict.HOLDS),
                row("PV/T far below 1 − γ", docs(-0.3, -0.4, -0.2, 50), Verdict.DOES_NOT_HOLD),
                row("straddles the margin", docs(0.1, 0.0, 0.2, 50), Verdict.INCONCLUSIVE),
                row("too few documents", docs(0.0, -0.01, 0.01, 5), Verdict.INCONCLUSIVE));
    }

    /** Synthetic attention with a known law per head, through the real machinery, reaches the rules' verdicts. */
    @Test
    void syntheticHeadsThroughTheMachineryDecideBothWays() {
        for (double gamma : new double[] {0.9, 0.3}) {
            AttentionScan scan = new AttentionScan(new AttentionScan.Options(1, 1, new ContextGrowth(16, 4, 1, 1), true));
            SplittableRandom rng = new SplittableRandom(1);
            for (int d = 0; d < 50; d++) scan.add("doc" + d, powerLaw(256, gamma, rng));
            ClusterBootstrap b = new ClusterBootstrap(200, 0.90, 2);
            HeadPhases.Result p = HeadPhases.analyse(scan.profiles(), b, 0.8);
            Compressibility.Result c = Compressibility.analyse(scan.curves(), null, b);
            Verdict expected = gamma == 0.9 ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
            assertEquals(expected, RealHeadPhasesStage.NEAR_ONE.decide(p.shareNearOne()).verdict(), "γ = " + gamma);
            assertEquals(Verdict.HOLDS, RealHeadPhasesStage.BOUNDARY.decide(p.agreement()).verdict(), "γ = " + gamma);
            assertEquals(Verdict.HOLDS, RealHeadPhasesStage.PV_T.decide(Compressibility.gapToDistanceLaw(c, p, b)).verdict(),
                    "γ = " + gamma);
        }
    }

    /** One layer, two heads scoring keys −γ ln|i − j| with a little noise; [CLS]-like first and last tokens. */
    static AttentionPass powerLaw(int n, double gamma, SplittableRandom rng) {
        float[] s = new float[2 * n * n];
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int d = Math.abs(i - j);
                    s[(h * n + i) * n + j] = (float) (d == 0 ? 0 : -gamma * Math.log(d) + 0.2 * rng.nextGaussian());
                }
            }
        }
        return AttentionPass.ofScores(new float[][] {s}, 2, n, Math.sqrt(32));
    }

    /**
     * Fig. 3's precursor rule: too few grokking runs, C_v peaks in most runs and explained by no control (holds), peaks in
     * few runs or peaks that the controls explain (does not hold), and shares whose interval contains one half.
     */
    @Test
    void precursorRule() {
        List<Decision> d = RuleTable.check(GrokkingStage.RULE,
                row("3 runs grok: fewer than 5", new PrecursorRule.Evidence(3, 3, 3), Verdict.INCONCLUSIVE),
                row("C_v peaks in all 10, none coincides with a control", new PrecursorRule.Evidence(10, 10, 10), Verdict.HOLDS),
                row("C_v peaks in 1 of 10", new PrecursorRule.Evidence(10, 1, 1), Verdict.DOES_NOT_HOLD),
                row("C_v peaks in all 10, every peak at a control's extremum", new PrecursorRule.Evidence(10, 10, 0), Verdict.DOES_NOT_HOLD),
                row("C_v peaks in 5 of 10", new PrecursorRule.Evidence(10, 5, 5), Verdict.INCONCLUSIVE),
                row("C_v peaks in all 10, half explained", new PrecursorRule.Evidence(10, 10, 5), Verdict.INCONCLUSIVE),
                row("6 of 6 with peaks, 6 unexplained: the smallest table that holds", new PrecursorRule.Evidence(6, 6, 6), Verdict.HOLDS),
                row("C_v peaks in 5 of 9 (the quick report's count)", new PrecursorRule.Evidence(9, 5, 4), Verdict.INCONCLUSIVE));
        assertNull(d.get(4).shortfall(), "a share of exactly one half: no number of runs decides");
        assertTrue(d.get(7).shortfall().needed() > 9, "5 of 9 straddles one half: the reason says how many runs would decide");
    }

    /**
     * The scaling rule of Fig. 4 and of the finite-size test: a narrow range is inconclusive whatever the exponent; over a
     * decade an exponent inside ±0.2 holds, one outside does not, one straddling is inconclusive; too few values of x.
     */
    @Test
    void scalingRule() {
        RuleTable.check(ScalingStage.RULE,
                row("a ≈ 0 but p spans 1.8×", new ScalingRule.Evidence(new Estimate(0, -0.05, 0.05, 0.95, 5, "values of p"), 1.8), Verdict.INCONCLUSIVE),
                row("a ≈ 0 over a decade", new ScalingRule.Evidence(new Estimate(0.02, -0.1, 0.12, 0.95, 9, "values of p"), 10.3), Verdict.HOLDS),
                row("a ≈ 0.6 over a decade", new ScalingRule.Evidence(new Estimate(0.62, 0.5, 0.8, 0.95, 9, "values of p"), 10.3), Verdict.DOES_NOT_HOLD),
                row("3 values of p", new ScalingRule.Evidence(new Estimate(0, -0.01, 0.01, 0.95, 3, "values of p"), 12), Verdict.INCONCLUSIVE),
                row("a straddles 0.2", new ScalingRule.Evidence(new Estimate(0.2, 0.1, 0.3, 0.95, 5, "values of p"), 16), Verdict.INCONCLUSIVE));
        assertEquals(ScalingStage.RULE.outcomes(), FiniteSizeStage.RULE.outcomes());
    }
}
