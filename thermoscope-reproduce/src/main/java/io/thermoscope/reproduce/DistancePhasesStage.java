package io.thermoscope.reproduce;

import io.thermoscope.distance.CriticalScaling;
import io.thermoscope.distance.DistanceEnsemble;
import io.thermoscope.distance.DistanceFigures;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The polylog chapter: the distance ensemble Z = Li_γ(e^−λ), its phases A (γ &lt; 1) and B (γ &gt; 1), and what
 * happens near γ = 1 for finite N: C_V(N) = γ² Var(ln d) at γ = 1 against its two-term Stieltjes asymptote (whose
 * leading term is the chapter's corrected (ln N)²/12) over N = 1e3 … 1e15, and the data collapse
 * C_V/(γ² ln² N) = g((γ − 1) ln N) (Kim 2026 §VIII.C.3). Real models' per-head γ are measured by
 * {@link RealHeadPhasesStage}.
 */
public final class DistancePhasesStage implements Stage {
    @Override
    public String id() {
        return "distance-phases";
    }

    @Override
    public String title() {
        return "Distance ensemble: phases and the γ = 1 boundary";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 1;
    }

    /**
     * What the result depends on (the sums are exact; only the grids matter).
     *
     * @param log10NFrom   smallest log₁₀ N of the asymptote's grid
     * @param log10NTo     largest log₁₀ N of both grids
     * @param log10NStep   step of the asymptote's grid in log₁₀ N
     * @param collapseN    log₁₀ N of the collapse curves
     * @param collapseX    largest |x| = |γ − 1| ln N of the collapse
     * @param collapseStep step in x of the collapse
     * @param windowN      N of the KV-window comparison
     * @param windowMass   mass the KV window must capture
     */
    record Params(double log10NFrom, double log10NTo, double log10NStep, List<Integer> collapseN, double collapseX,
                  double collapseStep, long windowN, double windowMass) {
    }

    static final Params PARAMS = new Params(3, 15, 0.5, List.of(3, 6, 9, 12, 15), 8, 0.5, 1_000_000L, 0.9);

    /**
     * The two-term asymptote to O(1/L): c₁ ≈ 0.0345 is the theoretical L·remainder; the bound allows the O(1/L²) terms
     * at N = 1e3, while a constant term off by 0.003 (or the one-term (ln N)²/12 alone) exceeds it at N = 1e15.
     */
    static final RemainderRule ASYMPTOTE = new RemainderRule("C_V(N) − [(ln N)²/12 + γ_E ln N/6 − 5γ_E²/12 − γ₁] at γ = 1, "
            + "λ = 0 (exact sums)", 1, 0.1, 5);

    /** The collapse to O(1/L): its leading correction at x = 0 is γ_E/(6L) (L·deviation → 0.096). */
    static final RemainderRule COLLAPSE = new RemainderRule("max over |x| ≤ " + Numbers.constant(PARAMS.collapseX())
            + " of |C_V/(γ² ln² N) − g(x)|, x = (γ − 1) ln N, "
            + "λ = 0 (exact sums)", 1, 0.2, 4);

    @Override
    public Record parameters(ReproductionConfig config) {
        return PARAMS;
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(ASYMPTOTE, COLLAPSE);
    }

    @Override
    public int version() {
        return 3;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        // C_V(N) at γ = 1, λ = 0 against the one- and two-term asymptotes, N = 1e3 … 1e15
        List<RemainderRule.Point> remainders = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("N,Cv,oneTerm,twoTerm,ratioOneTerm,lnNTimesRemainder,CvGamma0.9,CvGamma1.1\n");
        int steps = (int) Math.round((PARAMS.log10NTo() - PARAMS.log10NFrom()) / PARAMS.log10NStep());
        for (int i = 0; i <= steps; i++) {
            long n = Math.round(Math.pow(10, PARAMS.log10NFrom() + i * PARAMS.log10NStep()));
            double cv = new DistanceEnsemble(1, 0, n).thermodynamics().Cv();
            double one = DistanceEnsemble.criticalAsymptote(n), two = CriticalScaling.twoTermAsymptote(n);
            double a = new DistanceEnsemble(0.9, 0, n).thermodynamics().Cv();
            double b = new DistanceEnsemble(1.1, 0, n).thermodynamics().Cv();
            double l = Math.log((double) n);
            remainders.add(new RemainderRule.Point(n, cv - two));
            rows.add(new double[]{n, cv, one, two, a, b, l * (cv - two)});
            csv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", n, cv, one, two, cv / one,
                    l * (cv - two), a, b));
            ctx.progress().update(0.3 * i / steps, "C_V(N)");
        }
        AtomicFiles.writeString(ctx.dir().resolve("cv-vs-n.csv"), csv.toString());
        double[] x = column(rows, 0);
        new Figure("C_V(N) of the distance ensemble, λ = 0", "N (context length)", "C_V = γ² Var(ln d)").logX()
                .line("γ = 1 (exact)", x, column(rows, 1))
                .dashed("(ln N)²/12 (chapter, corrected)", x, column(rows, 2))
                .dashed("two-term asymptote (Stieltjes)", x, column(rows, 3))
                .line("γ = 0.9 (phase A)", x, column(rows, 4))
                .line("γ = 1.1 (phase B)", x, column(rows, 5))
                .save(ctx.dir(), "cv-vs-n");
        double c1 = CriticalScaling.remainderCoefficient();
        new Figure("Remainder of the two-term asymptote at γ = 1, scaled by ln N", "N (context length)",
                "ln N · (C_V − two-term asymptote)").logX()
                .points("exact sums", x, column(rows, 6))
                .hline(c1, "c₁ = 2γ_E³/3 + 2γ_Eγ₁ + γ₂ (the 1/ln N coefficient)")
                .save(ctx.dir(), "asymptote-remainder");

        // the data collapse C_V/(γ² ln² N) against x = (γ − 1) ln N for several N, and its limit g(x)
        int nx = (int) Math.round(2 * PARAMS.collapseX() / PARAMS.collapseStep()) + 1;
        double[] xs = new double[nx], gs = new double[nx];
        for (int j = 0; j < nx; j++) {
            xs[j] = -PARAMS.collapseX() + j * PARAMS.collapseStep();
            gs[j] = CriticalScaling.collapse(xs[j]);
        }
        Figure collapse = new Figure("Data collapse of the distance ensemble near γ = 1 (λ = 0)", "x = (γ − 1) ln N",
                "C_V / (γ² ln² N)");
        List<RemainderRule.Point> deviations = new ArrayList<>();
        StringBuilder ccsv = new StringBuilder("N,x,gamma,scaledCv,g\n");
        int done = 0;
        for (int e : PARAMS.collapseN()) {
            long n = Math.round(Math.pow(10, e));
            double[] ys = new double[nx];
            double worst = 0;
            for (int j = 0; j < nx; j++) {
                CriticalScaling.CollapsePoint p = CriticalScaling.collapsePoint(n, xs[j]);
                ys[j] = p.scaledCv();
                worst = Math.max(worst, Math.abs(p.deviation()));
                ccsv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g%n", n, p.x(), p.gamma(), p.scaledCv(), p.g()));
            }
            deviations.add(new RemainderRule.Point(n, worst));
            collapse.line("N = 1e" + e + " (exact)", xs, ys);
            ctx.progress().update(0.3 + 0.5 * ++done / PARAMS.collapseN().size(), "collapse");
        }
        collapse.dashed("g(x) = 1/x² − 1/(4 sinh²(x/2))", xs, gs).save(ctx.dir(), "collapse");
        AtomicFiles.writeString(ctx.dir().resolve("collapse.csv"), ccsv.toString());

        DistanceFigures.phaseDiagram(0.2, 2.0, 37, -4, 0, 17).save(ctx.dir(), "phase-diagram");
        ctx.progress().update(0.9, "phase diagram");
        long wn = PARAMS.windowN();
        DistanceFigures.capturedMass(List.of(new DistanceEnsemble(0.8, 0, wn), new DistanceEnsemble(1.0, 0, wn),
                        new DistanceEnsemble(1.3, 0, wn)), List.of("γ = 0.8 (A)", "γ = 1.0", "γ = 1.3 (B)"), wn)
                .save(ctx.dir(), "captured-mass");
        DistanceEnsemble.KvWindow kvA = new DistanceEnsemble(0.8, 0, wn).kvWindow(PARAMS.windowMass());
        DistanceEnsemble.KvWindow kvB = new DistanceEnsemble(1.3, 0, wn).kvWindow(PARAMS.windowMass());

        double[] first = rows.get(0), mid = rows.get(rows.size() / 2), last = rows.get(rows.size() - 1);
        Map<String, String> n = new LinkedHashMap<>();
        for (double[] r : List.of(first, mid, last)) {
            n.put("N = " + Evidence.num(r[0]) + ": C_V exact / two-term / (ln N)²/12", Evidence.num(r[1]) + " / "
                    + Evidence.num(r[3]) + " / " + Evidence.num(r[2]));
        }
        String at = " at N = " + Evidence.num(first[0]) + ", " + Evidence.num(mid[0]) + ", " + Evidence.num(last[0]);
        n.put("ratio C_V/((ln N)²/12)" + at, Evidence.num(first[1] / first[2]) + ", " + Evidence.num(mid[1] / mid[2])
                + ", " + Evidence.num(last[1] / last[2]));
        n.put("ln N · remainder of the two-term asymptote" + at + " (c₁ = " + Evidence.num(c1) + ")",
                Evidence.num(first[6]) + ", " + Evidence.num(mid[6]) + ", " + Evidence.num(last[6]));
        n.put("KV window for " + Numbers.percent(PARAMS.windowMass()) + " mass, N = " + Evidence.num(wn) + ": γ = 0.8 / γ = 1.3",
                kvA.exact() + " / " + kvB.exact());
        n.put("continuum-formula error of those windows", Evidence.num(kvA.relativeError()) + " / " + Evidence.num(kvB.relativeError()));
        String evidence = String.format(Locale.ROOT, "Exact sums (Euler–Maclaurin tails, no truncation) at γ = 1 against the "
                + "asymptote from the Stieltjes constants, L²/12 + γ_E L/6 − 5γ_E²/12 − γ₁ (L = ln N): the remainder times L "
                + "stays between %s and %s for N = %s … %s, tending to c₁ = %s, as an O(1/L) remainder must. The chapter's "
                + "one-term (ln N)²/12 is only the leading term: C_V exceeds it by %.0f %% at N = %s and still by %.1f %% at "
                + "N = %s, so a fixed tolerance on that ratio passes or fails depending on where it is evaluated. C_V "
                + "diverges only logarithmically with context length — a crossover at finite N rather than a sharp "
                + "transition. A %s KV window needs %d tokens in phase A (γ = 0.8) but %d in phase B (γ = 1.3).",
                Evidence.num(remainders.stream().mapToDouble(p -> p.scaled(1)).min().orElse(Double.NaN)),
                Evidence.num(remainders.stream().mapToDouble(p -> p.scaled(1)).max().orElse(Double.NaN)), Evidence.num(first[0]),
                Evidence.num(last[0]), Evidence.num(c1), 100 * (first[1] / first[2] - 1), Evidence.num(first[0]),
                100 * (last[1] / last[2] - 1), Evidence.num(last[0]), Numbers.percent(PARAMS.windowMass()), kvA.exact(), kvB.exact());
        Claim asymptote = Claim.decided(new Claim.Subject(id(), "At γ = 1 the distance ensemble's C_V(N) = (ln N)²/12 + "
                        + "γ_E ln N/6 − 5γ_E²/12 − γ₁ + O(1/ln N) (chapter, corrected; leading term (ln N)²/12)",
                "polylog chapter §22 (Z = Li_γ(e^−λ), phases A/B)"), ASYMPTOTE, remainders,
                new Claim.Presentation(evidence, n, List.of(Evidence.figure(ctx, "cv-vs-n", "C_V(N) at γ = 1 against the "
                                + "one- and two-term asymptotes, with phase A and B neighbours"),
                        Evidence.figure(ctx, "asymptote-remainder", "ln N × remainder of the two-term asymptote: O(1/ln N)"),
                        Evidence.figure(ctx, "phase-diagram", "C_V over (γ, λ): phase A left of γ = 1, B right"),
                        Evidence.figure(ctx, "captured-mass", "mass captured by a window W, N = " + Evidence.num(wn)))));

        Map<String, String> cn = new LinkedHashMap<>();
        for (RemainderRule.Point p : deviations) {
            cn.put("N = " + Evidence.num(p.n()) + ": max |C_V/(γ² ln² N) − g(x)| (× ln N)", Evidence.num(p.remainder()) + " ("
                    + Evidence.num(p.scaled(1)) + ")");
        }
        RemainderRule.Point d0 = deviations.get(0), d1 = deviations.get(deviations.size() - 1);
        String cEvidence = "The paper proposes a data collapse (§VIII.C.3); for the distance ensemble it exists in closed form: at "
                + "fixed x = (γ − 1) ln N, C_V/(γ² ln² N) tends to g(x) = 1/x² − 1/(4 sinh²(x/2)), the variance of "
                + "t = ln d/ln N under the law e^(−xt) on [0, 1], with g(0) = 1/12. The largest deviation of the exact curves "
                + "from g over |x| ≤ " + Numbers.constant(PARAMS.collapseX()) + " falls from " + Evidence.num(d0.remainder())
                + " at N = " + Evidence.num(d0.n()) + " to " + Evidence.num(d1.remainder()) + " at N = " + Evidence.num(d1.n())
                + "; times ln N it is " + Evidence.num(d0.scaled(1)) + " and " + Evidence.num(d1.scaled(1)) + " (the leading "
                + "correction at x = 0 is γ_E/(6 ln N), i.e. " + Evidence.num(CriticalScaling.EULER_GAMMA / 6) + " after "
                + "scaling). A finite system collapses onto a smooth scaling function; nothing diverges at any finite N.";
        Claim collapseClaim = Claim.decided(new Claim.Subject("distance-collapse", "C_V near γ = 1 collapses onto one scaling "
                        + "function: C_V/(γ² ln² N) = g((γ − 1) ln N) (§VIII.C.3, for the distance ensemble)",
                "Kim 2026 §VIII.C.3; polylog chapter §22"), COLLAPSE, deviations,
                new Claim.Presentation(cEvidence, cn, List.of(Evidence.figure(ctx, "collapse",
                        "C_V/(γ² ln² N) against (γ − 1) ln N for N = 1e3 … 1e15, approaching g(x)"))));
        return List.of(asymptote, collapseClaim);
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> r[k]).toArray();
    }
}
