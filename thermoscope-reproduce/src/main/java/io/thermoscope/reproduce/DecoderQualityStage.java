package io.thermoscope.reproduce;

import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Rule;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.train.lm.ByteCorpus;
import io.thermoscope.train.lm.LmMetrics;
import io.thermoscope.train.lm.LmRun;
import io.thermoscope.train.lm.LmSummary;
import io.thermoscope.train.lm.NGramBaselines;
import io.thermoscope.train.lm.TrainedDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The decoder the autoregressive claims are tested on, judged before it is used: its held-out bits per byte against
 * the strongest smoothed n-gram the project counts on the same split and windows (a claim that can fail: a decoder
 * that does not beat it is reported as such), and its ONNX export, which every later analysis reads, against the
 * trainer's own forward pass (an identity of the bookkeeping).
 */
public final class DecoderQualityStage extends DecoderStage {

    /** The stage on the reproduction's decoder ({@link DecoderStudy#of}). */
    public DecoderQualityStage() {
        this(DecoderStudy::of);
    }

    /** The stage on the decoder {@code study} chooses (tests pass a tiny one). */
    DecoderQualityStage(Function<ReproductionConfig, DecoderStudy> study) {
        super("decoder-quality",
                "The causal RoPE decoder: held-out bits per byte against n-grams, ONNX export against the trainer", study);
    }

    @Override
    public double weight(ReproductionConfig config) {
        return config.full() ? 200 : 8;
    }

    /** Held-out windows on which the export's logits are compared with the trainer's. */
    static final int EXPORT_WINDOWS = 4;

    /**
     * What the result depends on.
     *
     * @param study         the decoder and its corpus
     * @param exportWindows windows of the export comparison
     * @param seed          master seed (bootstrap)
     */
    record Params(DecoderStudy study, int exportWindows, long seed) {
    }

    /** The decoder must predict held-out text better than the strongest n-gram, per document. */
    static final BoundRule QUALITY = new BoundRule("the decoder's bits per byte minus the best Kneser–Ney n-gram's "
            + "(order chosen on the same windows), mean over held-out documents", BoundRule.Side.BELOW, 0, 0.95, 20, "documents");

    /** The export is the trainer's model. */
    static final IdentityRule EXPORT = new IdentityRule("max |logit(ONNX Runtime) − logit(trainer)| on held-out windows",
            1e-4, "the ONNX graph applies the trainer's operations to its weights; only float32 rounding and the order of "
            + "summation differ");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(study.apply(config), EXPORT_WINDOWS, config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(QUALITY, EXPORT);
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Claim> run(StageContext ctx) throws IOException {
        DecoderStudy st = study.apply(ctx.config());
        LmSummary s = st.train(ctx, 0.9);
        Path run = st.directory(ctx.config());
        ByteCorpus split = st.split();
        double worst = exportResidual(run, split);
        double[] diff = s.documents().stream().mapToDouble(d -> d.decoder() - d.ngram()).toArray();
        Estimate gap = ClusterBootstrap.standard(ctx.seed("decoder-quality")).mean(diff, "documents");
        NGramBaselines.Order best = s.baselines().best();

        List<LmMetrics> rows = LmRun.readMetrics(run.resolve(LmRun.METRICS));
        double[] tokens = rows.stream().mapToDouble(r -> Math.max(r.tokens(), 1)).toArray();
        double[] val = rows.stream().mapToDouble(LmMetrics::valBpb).toArray();
        Figure f = new Figure("Decoder training on the Brown corpus", "training tokens", "bits per byte").logX()
                .line("decoder, validation", tokens, val)
                .hline(s.baselines().unigram(), "unigram (add-one)");
        for (NGramBaselines.Order o : s.baselines().kneserNey()) f.hline(o.bitsPerByte(), "Kneser–Ney " + o.order() + "-gram");
        f.save(ctx.dir(), "learning-curve");
        Files.copy(run.resolve(LmRun.SUMMARY), ctx.dir().resolve("summary.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(run.resolve(LmRun.SAMPLES), ctx.dir().resolve("samples.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> nums = new LinkedHashMap<>();
        nums.put("shape", String.format(Locale.ROOT, "L = %d, d_model = %d, %d heads (d_k = %d), context %d bytes, %d parameters",
                s.layers(), s.dModel(), s.heads(), s.dModel() / s.heads(), s.context(), s.parameters()));
        nums.put("training", String.format(Locale.ROOT, "%d steps, %d tokens in %s (%.0f tokens/s, %d thread(s))", s.steps(),
                s.tokens(), Reproduction.format(s.trainSeconds()), s.tokensPerSecond(), s.threads()));
        nums.put("validation bits per byte", Evidence.num(s.valBpb()) + " on " + s.validationTokens() + " bytes of "
                + s.documents().size() + " held-out documents");
        nums.put("unigram (add-one)", Evidence.num(s.baselines().unigram()));
        for (NGramBaselines.Order o : s.baselines().kneserNey()) nums.put("Kneser–Ney " + o.order() + "-gram", Evidence.num(o.bitsPerByte()));
        nums.put("decoder − best n-gram (KN-" + best.order() + ")", gap.text());
        nums.put("max |Δ logit| ONNX vs trainer", Evidence.num(worst));
        StringBuilder ev = new StringBuilder(String.format(Locale.ROOT, "A byte-level causal transformer with RoPE and "
                + "pre-LN (%s preset) trained on %d Brown documents, %d held out by document; all bits per byte are "
                + "measured on the same %d held-out windows of %d bytes for the decoder and the n-grams (counted on the "
                + "training documents). Samples at temperature 0.8 (prompt | continuation): ", s.preset(),
                split.train().size(), split.validation().size(), s.validationTokens() / s.context(), s.context()));
        ev.append(samples(run));
        List<Claim> claims = new ArrayList<>();
        claims.add(Claim.decided(new Claim.Subject("decoder-quality", "The project's decoder predicts held-out Brown text "
                + "better than a smoothed n-gram", "issue 16: the model"), QUALITY, gap, new Claim.Presentation(ev.toString(),
                nums, List.of(Evidence.figure(ctx, "learning-curve", "Validation bits per byte during training, with the "
                + "n-gram baselines on the same windows")))));
        claims.add(Claim.decided(new Claim.Subject("decoder-export", "The exported ONNX decoder computes the trainer's "
                + "logits", "issue 16: export"), EXPORT, worst, new Claim.Presentation(String.format(Locale.ROOT,
                "The checkpoint is written as an opset-17 ONNX graph and run by ONNX Runtime through the same path as any "
                + "user's model (attention, RoPE and the causal mask found from the graph and the outputs); its logits "
                + "on %d held-out windows of %d bytes are compared with the trainer's forward pass.", EXPORT_WINDOWS,
                s.context()), Map.of("max |Δ logit|", Evidence.num(worst)), List.of(Evidence.figure(ctx, "learning-curve",
                "Validation bits per byte during training")))));
        ctx.progress().update(1, "done");
        return claims;
    }

    /** The largest logit difference between the export (ORT) and the trainer on the first held-out windows. */
    static double exportResidual(Path run, ByteCorpus split) {
        double worst = 0;
        try (TrainedDecoder d = TrainedDecoder.load(run); AttentionModel m = AttentionModel.load(DecoderRuns.source(run))) {
            for (long[] ids : split.windowInputs(split.validationWindows(EXPORT_WINDOWS))) {
                float[][] ref = d.logits(ids), got = m.forward(ids, false).hidden();
                for (int i = 0; i < ids.length; i++) {
                    for (int v = 0; v < ref[i].length; v++) worst = Math.max(worst, Math.abs(ref[i][v] - got[i][v]));
                }
            }
        }
        return worst;
    }

    private static String samples(Path run) {
        try {
            var n = io.thermoscope.io.Json.mapper().readTree(run.resolve(LmRun.SAMPLES).toFile()).path("samples");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(2, n.size()); i++) {
                b.append(i == 0 ? "" : "  ").append('“').append(n.get(i).path("prompt").asText()).append(" | ")
                        .append(n.get(i).path("continuation").asText()).append('”');
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
