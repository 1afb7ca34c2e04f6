package io.thermoscope.reproduce;

import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.HeadStats;
import io.thermoscope.models.ModelSource;
import io.thermoscope.report.Claim;
import io.thermoscope.report.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chapter on real models: per head of two pretrained encoders, the attention mass against token distance is
 * fitted to d^−γ e^−λd (maximum likelihood, bootstrap CI), and each head is placed in phase A (γ &lt; 1) or B (γ &gt; 1).
 * The per-head thermodynamic atlas (C_v, S, γ heatmaps) is written alongside.
 */
public final class RealHeadPhasesStage implements Stage {
    @Override
    public String id() {
        return "real-head-phases";
    }

    @Override
    public String title() {
        return "Distance phases and thermodynamic atlas of real heads";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 4;
    }

    static final int WORDS = 160;

    int longPrompts(ReproductionConfig c) {
        return c.full() ? 16 : 6;
    }

    int bootstrap(ReproductionConfig c) {
        return c.full() ? 400 : 100;
    }

    @Override
    public String key(ReproductionConfig config) {
        return "v3 corpus=long" + longPrompts(config) + "x" + WORDS + " bootstrap=" + bootstrap(config) + " seed=" + config.seed();
    }

    @Override
    public Claim run(StageContext ctx) {
        // long prompts (English passages alternating with random-word prompts, ~200 tokens): distance decay needs
        // distances well beyond the default corpus's ~30-token sentences
        List<String> prompts = DefaultCorpus.longPrompts(ctx.seed("phases-prompts"), longPrompts(ctx.config()), WORDS);
        List<AtlasResult> results = new ArrayList<>();
        List<ModelSource> models = List.of(ModelSource.MINILM, ModelSource.BGE_SMALL);
        List<String> truncated = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            ctx.progress().update((double) m / models.size(), models.get(m).name());
            // the long passages exceed the encoders' 512 positions: cut them there (counted in the evidence)
            AtlasOptions o = AtlasOptions.defaults().withBootstrap(bootstrap(ctx.config())).withSeed(ctx.seed("atlas"))
                    .withTruncate(true);
            AtlasResult r;
            try (AttentionModel model = AttentionModel.load(models.get(m))) {
                r = Atlas.run(model, prompts, o, truncated::add);
            }
            r.writeTo(ctx.dir().resolve(r.model()), ctx.provenance());
            results.add(r);
        }
        Map<String, String> nums = new LinkedHashMap<>();
        List<Double> allR2 = new ArrayList<>();
        int firm = 0, total = 0;
        StringBuilder ev = new StringBuilder();
        List<Claim.Figure> figs = new ArrayList<>();
        for (AtlasResult r : results) {
            int a = 0, b = 0, c = 0, firmHere = 0;
            double[] gammas = r.heads().stream().mapToDouble(HeadStats::gamma).filter(Double::isFinite).sorted().toArray();
            for (HeadStats h : r.heads()) {
                switch (h.phase()) {
                    case "A" -> a++;
                    case "B" -> b++;
                    case "crossover" -> c++;
                    default -> { }
                }
                boolean f = Double.isFinite(h.gammaLo()) && ((h.gammaLo() > 1.05) || (h.gammaHi() < 0.95));
                if (f) firmHere++;
                if (Double.isFinite(h.decayR2())) allR2.add(h.decayR2());
            }
            firm += firmHere;
            total += r.heads().size();
            HeadStats first = r.heads().get(0);
            nums.put(r.model() + ": heads in phase A / crossover / B", a + " / " + c + " / " + b);
            nums.put(r.model() + ": heads whose 95 % γ-interval excludes the band", firmHere + " of " + r.heads().size());
            if (gammas.length > 0) {
                nums.put(r.model() + ": γ median [min, max]", String.format(Locale.ROOT, "%.2f [%.2f, %.2f]",
                        gammas[gammas.length / 2], gammas[0], gammas[gammas.length - 1]));
            }
            nums.put(r.model() + ": example head L0H0", String.format(Locale.ROOT, "%s, γ = %.2f [%.2f, %.2f]",
                    first.phase(), first.gamma(), first.gammaLo(), first.gammaHi()));
            ev.append(String.format(Locale.ROOT, "%s: %d heads in A, %d in the crossover band, %d in B. ", r.model(), a, c, b));
            figs.add(Evidence.figure(ctx, r.model() + "/atlas-gamma", "γ per head (layer × head), " + r.model()));
            figs.add(Evidence.figure(ctx, r.model() + "/atlas-cv", "C_v per head (layer × head), " + r.model()));
        }
        double[] r2 = allR2.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double medianR2 = r2.length == 0 ? Double.NaN : r2[r2.length / 2];
        nums.put("median R² of the decay law over all heads", Evidence.num(medianR2));
        Verdict v = !(medianR2 >= 0.5) ? Verdict.DOES_NOT_HOLD
                : medianR2 >= 0.8 && firm * 2 >= total ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
        ev.append(String.format(Locale.ROOT, "The law d^−γ e^−λd describes the mean attention profiles with median "
                + "R² = %.2f; %d of %d heads sit firmly (95 %% CI) on one side of γ = 1. Distances fold both sides of "
                + "these bidirectional encoders (|i − j|), [CLS]/[SEP] excluded; %d long prompts (English passages alternating "
                + "with %d-word random-word prompts; %d prompt runs cut at the 512 positions).", medianR2, firm, total,
                prompts.size(), WORDS, truncated.size()));
        return new Claim(id(), "Real attention heads fall into distance phases A (γ < 1) and B (γ > 1) (chapter)",
                "polylog chapter §22 (phases A/B, Z = Li_γ(e^−λ))", v,
                "holds if the decay law fits (median R² ≥ 0.8) and at least half of the heads have a 95 % γ-interval "
                        + "outside the crossover band; does not hold if median R² < 0.5; inconclusive otherwise",
                ev.toString(), nums, figs);
    }
}
