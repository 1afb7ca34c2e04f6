package io.thermoscope.reproduce;

import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.KappaOptions;
import io.thermoscope.models.KappaResult;
import io.thermoscope.models.KappaScan;
import io.thermoscope.models.ModelSource;
import io.thermoscope.report.Claim;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The abstracts' Figure 1: the equation-of-state constant κ = P·V_ctx/(N_eff·T) of two real pretrained architectures
 * (all-MiniLM-L6-v2, 6 layers; bge-small-en-v1.5, 12 layers) as the context V_ctx grows, with P = −∂F/∂V_ctx.
 */
public final class KappaStage implements Stage {
    @Override
    public String id() {
        return "kappa";
    }

    @Override
    public String title() {
        return "κ against context length, two real architectures";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 6;
    }

    int maxContext(ReproductionConfig c) {
        return c.full() ? 512 : 256;
    }

    int prompts(ReproductionConfig c) {
        return c.full() ? 8 : 3;
    }

    int points(ReproductionConfig c) {
        return c.full() ? 32 : 16;
    }

    /**
     * What the result depends on.
     *
     * @param maxContext largest V_ctx
     * @param prompts    prompts averaged over
     * @param points     points of the context grid
     * @param seed       master seed
     */
    record Params(int maxContext, int prompts, int points, long seed) {
    }

    /**
     * Transitional (issue 15 replaces it with the compressibility factor on a corpus): κ's relative change over the
     * last quarter of the grid equivalent to 0 within 5 %, from at least 50 prompts.
     */
    static final EquivalenceRule RULE = new EquivalenceRule("the relative change of κ over the last quarter of the context grid",
            0, 0.05, 0.95, 50, "prompts");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(maxContext(config), prompts(config), points(config), config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        List<String> prompts = DefaultCorpus.longPrompts(ctx.seed("kappa-prompts"), prompts(ctx.config()),
                maxContext(ctx.config()));
        KappaOptions options = KappaOptions.defaults().withGrid(16, points(ctx.config()));
        List<KappaResult> results = new ArrayList<>();
        List<ModelSource> models = List.of(ModelSource.MINILM, ModelSource.BGE_SMALL);
        for (int m = 0; m < models.size(); m++) {
            ctx.progress().update((double) m / models.size(), models.get(m).name());
            KappaResult r = KappaScan.run(models.get(m), prompts, maxContext(ctx.config()), options);
            r.writeTo(ctx.dir(), ctx.provenance());
            results.add(r);
        }
        KappaScan.figure(results).save(ctx.dir(), "kappa-vs-context");
        Map<String, String> nums = new LinkedHashMap<>();
        for (KappaResult r : results) {
            KappaResult.Convergence c = r.convergence();
            nums.put(r.model() + ": κ over the last quarter (± spread across prompts)",
                    Evidence.num(c.value()) + " ± " + Evidence.num(c.spread()));
            nums.put(r.model() + ": relative change over the last quarter", Evidence.num(c.lastQuarterRelativeChange()));
            nums.put(r.model() + ": converged from V_ctx", c.fromV() == null ? "never" : String.valueOf(c.fromV()));
        }
        StringBuilder ev = new StringBuilder();
        for (KappaResult r : results) ev.append(r.model()).append(": ").append(r.convergence().verdict()).append(". ");
        ev.append(String.format(Locale.ROOT, "P = −∂F/∂V_ctx is measured by re-running each model on growing prefixes "
                + "of %d prompts up to %d tokens; N_eff is %s.", prompts.size(), maxContext(ctx.config()),
                results.get(0).nEffDefinition()));
        List<Claim> claims = new ArrayList<>();
        for (KappaResult r : results) {
            double change = Math.abs(r.convergence().lastQuarterRelativeChange());
            claims.add(Claim.decided(new Claim.Subject(id() + "-" + r.model().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                    "κ = P·V/(N_eff·T) converges with context length: " + r.model() + " (abstract, Fig. 1)", "abstract Fig. 1; Eqs. 25–26"),
                    RULE, Estimate.exact(change, prompts.size(), "prompts"), new Claim.Presentation(ev.toString(), nums,
                    List.of(Evidence.figure(ctx, "kappa-vs-context", "κ against V_ctx for two architectures, mean over prompts with ± 1 std bands")))));
        }
        return claims;
    }
}
