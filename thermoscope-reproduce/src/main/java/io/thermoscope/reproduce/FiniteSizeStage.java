package io.thermoscope.reproduce;

import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.ensemble.SpecificHeatBound;
import io.thermoscope.io.Json;
import io.thermoscope.report.Claim;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.PowerLawFit;
import io.thermoscope.train.SweepAnalysis;
import io.thermoscope.train.SweepConfig;
import io.thermoscope.train.SweepFigures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finite-size test that could show a divergence. Eq. 28's C_v of one query is bounded by the number of keys it
 * attends to, B(n) ~ ln²n/4 ({@link SpecificHeatBound}), not by p; in a + b mod p the "=" query always sees three keys,
 * so Fig. 4 cannot diverge. Here the sequence grows: (x₁ + … + x_k) mod p for k = 2, 4, 8, 16, 32 (the "=" query sees
 * k + 1 keys; five values over a factor 16, a decade as {@link ScalingRule} requires), same model and data size at every
 * k, and C_v^max of the "=" query is fitted against k with the same equivalence rule as Fig. 4: "bounded" if the
 * exponent's CI lies within ±0.2; "grows with the system" if it lies entirely outside.
 */
public final class FiniteSizeStage implements Stage {
    /** The numbers of operands. */
    static final List<Integer> OPERANDS = List.of(2, 4, 8, 16, 32);
    /** The modulus (p² = 961 ≥ the sample size, so every k draws the same number of distinct sequences). */
    static final int P = 31;
    /** The same equivalence logic as Fig. 4, over k. */
    static final ScalingRule RULE = new ScalingRule("k", 0.2, 10, 5);

    static int seeds(ReproductionConfig c) {
        return c.full() ? 5 : 2;
    }

    /**
     * What the result depends on: every run is {@code template} at one k and seed.
     *
     * @param operands the values of k
     * @param seeds    seeds 0..seeds-1 per k
     * @param template the resolved configuration of every run but k and seed
     */
    record Params(List<Integer> operands, int seeds, GrokConfig template) {
        /** The protocol's plan: the fast preset's model on 900 sampled sequences (40 % train) at p = 31. */
        static Params of(ReproductionConfig c) {
            return new Params(OPERANDS, FiniteSizeStage.seeds(c), GrokConfig.preset("fast", P, 0).toBuilder().operands(OPERANDS.get(0))
                    .examples(900).maxSteps(c.full() ? 6000 : 1200).evalEvery(25).stopAfterGrok(-1).probeSize(256).build());
        }

        /** Every run, k-major. */
        List<GrokConfig> runs() {
            List<GrokConfig> out = new ArrayList<>();
            for (int k : operands) for (long s = 0; s < seeds; s++) out.add(template.toBuilder().operands(k).seed(s).build());
            return out;
        }
    }

    private final java.util.function.Function<ReproductionConfig, Params> plan;

    /** The stage with the protocol's runs. */
    public FiniteSizeStage() {
        this(Params::of);
    }

    /** The stage with other runs (tests train tiny ones). */
    FiniteSizeStage(java.util.function.Function<ReproductionConfig, Params> plan) {
        this.plan = plan;
    }

    @Override
    public String id() {
        return "finite-size";
    }

    @Override
    public String title() {
        return "C_v^max against the number of operands k (finite-size test)";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return config.full() ? 200 : 25;
    }

    @Override
    public Record parameters(ReproductionConfig config) {
        return plan.apply(config);
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        Params plan = this.plan.apply(ctx.config());
        List<GrokConfig> runs = plan.runs();
        Path dir = ctx.dir().resolve("sweep");
        GrokSweep.run(new SweepConfig(runs, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 0), dir,
                GrokkingStage.GATE, GrokkingStage.WINDOW, (batch, done, total) -> ctx.progress().update((double) done / total,
                        String.format(Locale.ROOT, "k=%d: %d of %d runs trained", batch.get(0).operands(), done, total)));
        SweepAnalysis a = SweepAnalysis.analyse(dir, GrokkingStage.GATE, GrokkingStage.WINDOW);
        Json.write(ctx.dir().resolve("analysis.json"), Json.withProvenance(a, ctx.provenance()));
        SweepFigures.scaling(ctx.dir(), "cvmax_vs_k", a);
        Map<String, String> nums = ScalingStage.numbers(a);
        PowerLawFit fit = a.cvScaling();
        GrokConfig t = plan.template();
        int kMin = plan.operands().stream().min(Integer::compare).orElseThrow(), kMax = plan.operands().stream().max(Integer::compare).orElseThrow();
        String evidence = String.format(Locale.ROOT, "(x₁ + … + x_k) mod %d for k = %s, %d seeds each (%d runs; %d sampled "
                + "sequences, %.0f %% train, %d steps). C_v^max of the \"=\" query, which attends to k + 1 keys (Eq. 28's bound "
                + "grows from B(%d) = %.3f to B(%d) = %.3f), fitted as ∝ k^a: a = %s, R² = %s.", t.p(), plan.operands(), plan.seeds(),
                fit.runs(), t.task().exampleCount(), 100 * t.task().trainFraction(), t.schedule().maxSteps(), kMin + 1,
                SpecificHeatBound.maximum(kMin + 1), kMax + 1, SpecificHeatBound.maximum(kMax + 1), fit.estimate().text(),
                Numbers.format(fit.rSquared()));
        return List.of(Claim.decided(new Claim.Subject(id(), "C_v^max stays bounded as the attended sequence grows (finite-size "
                + "test of the crossover, Fig. 4)", "§VI.C, Fig. 4; Eq. 28"), RULE, new ScalingRule.Evidence(fit.estimate(), fit.span()),
                new Claim.Presentation(evidence, nums, List.of(Evidence.figure(ctx, "cvmax_vs_k", "C_v^max of the \"=\" query against "
                        + "the number of operands k (log–log), mean ± σ over seeds, with the power-law fit; Eq. 28's bound B(k + 1) "
                        + "per k in the table")))));
    }
}
