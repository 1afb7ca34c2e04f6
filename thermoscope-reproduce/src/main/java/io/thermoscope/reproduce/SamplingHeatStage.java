package io.thermoscope.reproduce;

import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Rule;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.SamplingHeat;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.train.lm.ByteCorpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Hallucination as the heat term TdS (Kim 2026, §IV.B.1, §VIII.D), on the project's decoder: held-out prompts are
 * continued at several sampling temperatures τ; each sampled token's heat share τS/(U − E₀ + τS) of its output
 * distribution is set against the error it may make — a generated word that the training text never contains
 * ({@link SamplingHeat}). The rule asks whether, <em>at a fixed temperature</em>, the words that are errors were
 * drawn hotter than the words that are not (so that the heat share tracks errors beyond what τ alone explains).
 */
public final class SamplingHeatStage extends DecoderStage {

    /** The stage on the reproduction's decoder. */
    public SamplingHeatStage() {
        this(DecoderStudy::of);
    }

    /** The stage on the decoder {@code study} chooses (tests pass a tiny one). */
    SamplingHeatStage(Function<ReproductionConfig, DecoderStudy> study) {
        super("decoder-heat",
                "Hallucination as TdS: unknown words against the heat share of sampled tokens", study);
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 3;
    }

    /**
     * What the result depends on.
     *
     * @param study   the decoder
     * @param options the sampling
     * @param prompts held-out documents whose starts are the prompts
     * @param seed    master seed (bootstrap)
     */
    record Params(DecoderStudy study, SamplingHeat.Options options, int prompts, long seed) {
    }

    /** τ = 0.5, 1, 1.5; prompts of 32 bytes continued by 64 (quick) or 96 (full), within the decoder's context. */
    SamplingHeat.Options options(ReproductionConfig c) {
        int context = study.apply(c).config().model().context();
        int prompt = Math.min(32, context / 4);
        return new SamplingHeat.Options(List.of(0.5, 1.0, 1.5), prompt, Math.min(c.full() ? 96 : 64, context - prompt), c.seed());
    }

    int prompts(ReproductionConfig c) {
        return c.full() ? 50 : 30;
    }

    /** The stated rule: at fixed τ, unknown words carry a higher heat share than known words (AUC above 0.6). */
    static final BoundRule RULE = new BoundRule("the AUC of the heat share τS/(U − E₀ + τS) for telling generated words "
            + "absent from the training text from present ones, within each sampling temperature and averaged over "
            + "the temperatures", BoundRule.Side.ABOVE, 0.6, 0.95, 10, "prompt documents");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(study.apply(config), options(config), prompts(config), config.seed());
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
        DecoderStudy st = trained(ctx, 0.6);
        ctx.progress().update(0.6, "sampling continuations of held-out prompts");
        ByteCorpus split = st.split();
        SamplingHeat.Options o = options(ctx.config());
        List<SamplingHeat.Prompt> prompts = new ArrayList<>();
        for (ByteCorpus.Doc d : split.validation().subList(0, Math.min(prompts(ctx.config()), split.validation().size()))) {
            prompts.add(new SamplingHeat.Prompt(d.id(), new String(d.bytes(), StandardCharsets.UTF_8)));
        }
        Set<String> vocabulary = st.vocabulary();
        List<SamplingHeat.Continuation> all;
        try (AttentionModel m = st.model(ctx.config())) {
            all = SamplingHeat.run(m, prompts, vocabulary, o);
        }
        Json.write(ctx.dir().resolve("continuations.json"), Json.withProvenance(Map.of("continuations", all), ctx.provenance()));
        Estimate auc = SamplingHeat.aucEstimate(all, o.temperatures(), ClusterBootstrap.standard(ctx.seed("decoder-heat")));

        StringBuilder csv = new StringBuilder("tau,mean_heat_share,unknown_word_rate,mean_entropy,mean_U,mean_F,words,auc\n");
        Map<String, String> nums = new LinkedHashMap<>();
        double[] heat = new double[o.temperatures().size()], rate = new double[heat.length];
        for (int t = 0; t < heat.length; t++) {
            double tau = o.temperatures().get(t);
            List<SamplingHeat.Continuation> at = all.stream().filter(c -> c.tau() == tau).toList();
            List<SamplingHeat.Word> words = at.stream().flatMap(c -> c.words().stream()).toList();
            heat[t] = at.stream().mapToDouble(SamplingHeat.Continuation::meanHeat).average().orElse(Double.NaN);
            rate[t] = words.isEmpty() ? Double.NaN : words.stream().filter(w -> !w.known()).count() / (double) words.size();
            double s = at.stream().mapToDouble(SamplingHeat.Continuation::meanS).average().orElse(Double.NaN);
            double u = at.stream().mapToDouble(SamplingHeat.Continuation::meanU).average().orElse(Double.NaN);
            double f = at.stream().mapToDouble(SamplingHeat.Continuation::meanF).average().orElse(Double.NaN);
            double a = SamplingHeat.auc(words);
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%d,%.17g%n", tau, heat[t], rate[t], s, u, f,
                    words.size(), a));
            nums.put("τ = " + Evidence.num(tau), String.format(Locale.ROOT, "heat share %s, unknown words %s of %d, S %s, AUC %s",
                    Evidence.num(heat[t]), Evidence.num(rate[t]), words.size(), Evidence.num(s), Evidence.num(a)));
        }
        AtomicFiles.writeString(ctx.dir().resolve("heat-by-temperature.csv"), csv.toString());
        nums.put("AUC (mean over τ)", auc.text());
        new Figure("Unknown words against the heat share of sampling", "mean heat share τS/(U − E₀ + τS)",
                "share of generated words absent from the training text").points("one point per τ", heat, rate).save(ctx.dir(), "unknown-words-vs-heat");
        String ev = String.format(Locale.ROOT, "Operationalised before measuring: %d held-out documents give prompts of %d "
                + "bytes, each continued by %d bytes sampled from softmax(logits/τ) at τ = %s (seeded). A sampled token's "
                + "output distribution is the Boltzmann distribution of E_v = −logit_v at τ, with U, S, F = U − τS; its "
                + "heat share is τS/(U − E₀ + τS). An error is a complete generated word that never occurs in the %d "
                + "training documents (%d distinct words). Across τ, heat and errors rise together by construction; the "
                + "rule therefore compares, within each τ, the heat share of unknown and known words.",
                prompts.size(), o.promptTokens(), o.newTokens(), o.temperatures(), split.train().size(), vocabulary.size());
        ctx.progress().update(1, "done");
        return List.of(Claim.decided(new Claim.Subject("decoder-heat", "Hallucinations are the heat term TdS: errors "
                + "track the thermal share of sampling", "§IV.B.1, §VIII.D"), RULE, auc, new Claim.Presentation(ev, nums,
                List.of(Evidence.figure(ctx, "unknown-words-vs-heat", "Share of unknown words against the mean heat share, "
                        + "one point per sampling temperature")))));
    }
}
