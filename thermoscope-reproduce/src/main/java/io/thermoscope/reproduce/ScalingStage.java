package io.thermoscope.reproduce;

import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.ensemble.SpecificHeatBound;
import io.thermoscope.report.Claim;
import io.thermoscope.train.PowerLawFit;
import io.thermoscope.train.SweepAnalysis;
import io.thermoscope.train.SweepFigures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fig. 4: the peak specific heat C_v^max of the "=" query against p on log–log axes with a power-law fit, decided as
 * an equivalence test ({@link ScalingRule}): "bounded" only if the exponent's 95 % CI lies inside ±0.2 over at least
 * a decade of p with at least 5 values. Eq. 28 bounds that C_v by B(3) at every p (three keys), so this test can only
 * confirm boundedness; {@link FiniteSizeStage} grows the number of keys instead. The proxy Var(QKᵀ/√d_k), which
 * has no such bound, is fitted alongside. Reads the sweep of {@link GrokkingStage}.
 */
public final class ScalingStage implements Stage {
    /** "Bounded": |a| &lt; 0.2 over a decade of p with ≥ 5 values. */
    static final ScalingRule RULE = new ScalingRule("p", 0.2, 10, 5);

    @Override
    public String id() {
        return "cv-scaling";
    }

    @Override
    public String title() {
        return "C_v^max against p (Fig. 4)";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 0.5;
    }

    /**
     * What the result depends on.
     *
     * @param sweep the sweep it reads
     */
    record Params(GrokkingStage.SweepParams sweep) {
    }

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(GrokkingStage.SweepParams.of(config));
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 3;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        SweepAnalysis a = SweepAnalysis.analyse(GrokkingStage.sweepDir(ctx.config()), GrokkingStage.GATE, GrokkingStage.WINDOW);
        SweepFigures.scaling(ctx.dir(), "fig4", a);
        Map<String, String> nums = numbers(a);
        PowerLawFit fit = a.cvScaling();
        String evidence = String.format(Locale.ROOT, "C_v^max of the \"=\" query (maximum over each run, %d runs) fitted as C_v^max "
                + "∝ p^a over %d values of p spanning a factor %s: a = %s, R² = %s. Eq. 28 bounds this C_v by B(3) = %.4f "
                + "at every p (three keys), so it cannot diverge with p; the proxy Var(QKᵀ/√d_k), which has no bound, "
                + "grows as p^%s.", fit.runs(), fit.points().size(), Numbers.format(fit.span()), fit.estimate().text(),
                Numbers.format(fit.rSquared()), SpecificHeatBound.maximum(3), Numbers.format(a.proxyScaling().exponent()));
        return List.of(Claim.decided(new Claim.Subject(id(), "C_v^max does not diverge with p: a crossover, not a phase transition "
                + "(Fig. 4)", "§VI.C, Fig. 4"), RULE, new ScalingRule.Evidence(fit.estimate(), fit.span()),
                new Claim.Presentation(evidence, nums, List.of(
                        Evidence.figure(ctx, "fig4", "C_v^max of the \"=\" query against p (log–log), mean ± σ over runs, with the "
                                + "power-law fit; Eq. 28's bound B(3) = " + Numbers.format(SpecificHeatBound.maximum(3))),
                        Evidence.figure(ctx, "fig4_proxy", "The proxy's maximum against p (log–log), mean ± σ over runs")))));
    }

    /** The table of a scaling fit: per value, C_v^max and the proxy's maximum, the bound, the exponents. */
    static Map<String, String> numbers(SweepAnalysis a) {
        Map<String, String> nums = new LinkedHashMap<>();
        String v = a.variable();
        for (int i = 0; i < a.cvScaling().points().size(); i++) {
            PowerLawFit.Point q = a.cvScaling().points().get(i), pq = a.proxyScaling().points().get(i);
            int keys = a.runs().stream().filter(r -> ("k".equals(v) ? r.operands() : r.p()) == q.x()).findFirst().orElseThrow().keys();
            nums.put("C_v^max at " + v + " = " + Numbers.format(q.x()), String.format(Locale.ROOT, "%s ± %s (%d runs; Eq. 28 bound "
                    + "B(%d) = %s); proxy max %s", Numbers.format(q.mean()), Numbers.format(q.sd()), q.n(), keys,
                    Numbers.format(SpecificHeatBound.maximum(keys)), Numbers.format(pq.mean())));
        }
        nums.put("exponent a of C_v^max ∝ " + v + "^a", a.cvScaling().estimate().text() + ", R² = " + Numbers.format(a.cvScaling().rSquared()));
        nums.put("span " + v + "_max/" + v + "_min", Numbers.format(a.cvScaling().span()));
        nums.put("exponent of the proxy's maximum", a.proxyScaling().estimate().text() + ", R² = " + Numbers.format(a.proxyScaling().rSquared()));
        return nums;
    }
}
