package io.thermoscope.reproduce;

import io.thermoscope.attention.Compressibility;
import io.thermoscope.attention.ContextGrowth;
import io.thermoscope.corpus.Document;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Rule;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.KappaResult;
import io.thermoscope.models.KappaScan;
import io.thermoscope.models.KvWindow;
import io.thermoscope.models.ModelScan;
import io.thermoscope.models.PhaseFigures;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.train.lm.ByteCorpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The encoders' κ and phase claims on the project's causal decoder, read through its ONNX export by the same machinery
 * ({@link ModelScan}, {@link Atlas}, {@link KappaScan}) on its held-out Brown documents: the causal mask is detected
 * from the probabilities, so one forward pass gives ln Z of the query at position V − 1 over its V keys for every V
 * (P = −∂F/∂V_ctx without re-encoding), and the distance profiles run over the past. Claims: PV/T converges with
 * context; γ = 1 separates the heads whose captured mass keeps growing from those whose mass saturates; heads cluster
 * just below γ = 1; PV/T = 1 − γ for phase-A heads. The window of 90 % of a query's attention against the context length
 * is shown per head.
 */
public final class DecoderPhasesStage extends DecoderStage {
    /** The stage on the reproduction's decoder. */
    public DecoderPhasesStage() {
        this(DecoderStudy::of);
    }

    /** The stage on the decoder {@code study} chooses (tests pass a tiny one). */
    DecoderPhasesStage(Function<ReproductionConfig, DecoderStudy> study) {
        super("decoder-phases", "κ, compressibility and distance phases of the causal decoder on held-out Brown documents",
                study);
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 2;
    }

    /** Smallest context of the growth grid, points per octave. */
    static final ModelScan.Growth GROWTH = new ModelScan.Growth(16, 4);
    /** Share of a query's attention the KV window must hold. */
    static final double WINDOW_MASS = 0.9;

    /**
     * What the result depends on.
     *
     * @param study  the decoder (its held-out documents are the units)
     * @param atlas  bootstrap, confidence and the near-one band
     * @param growth the context grid
     * @param mass   the KV window's share of attention
     */
    record Params(DecoderStudy study, AtlasOptions atlas, ModelScan.Growth growth, double mass) {
    }

    static AtlasOptions options(ReproductionConfig c, long bootstrapSeed) {
        return new AtlasOptions(true, c.full() ? 2000 : 200, 0.90, bootstrapSeed, 0.8);
    }

    /** The top two octaves of the decoder's context. */
    static String octaves(int context) {
        return String.format(Locale.ROOT, "from V in [%d, %d] to V in [%d, %d]", context / 4, context / 2, context / 2, context);
    }

    /** Convergence of PV/T between the top two octaves (the encoders' rule on the decoder's context). */
    static EquivalenceRule kappaRule(int context) {
        return new EquivalenceRule("the relative change of PV/T = d ln Z/d ln V_ctx of the decoder " + octaves(context),
                0, 0.10, 0.90, 50, "documents");
    }

    /** PV/T = 1 − γ for phase-A heads, in the decoder's top octave. */
    static EquivalenceRule lawRule(int context) {
        return new EquivalenceRule(String.format(Locale.ROOT, "the mean over the decoder's phase-A heads of PV/T "
                + "(V in [%d, %d]) − (1 − γ)", context / 2, context), 0, 0.1, 0.90, 50, "documents");
    }

    private int context(ReproductionConfig c) {
        return study.apply(c).config().model().context();
    }

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(study.apply(config), options(config, 0), GROWTH, WINDOW_MASS);
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        int c = context(config);
        return List.of(kappaRule(c), RealHeadPhasesStage.BOUNDARY, RealHeadPhasesStage.NEAR_ONE, lawRule(c));
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        DecoderStudy st = trained(ctx, 0.5);
        ByteCorpus split = st.split();
        int context = split.context();
        Set<String> held = new HashSet<>();
        for (ByteCorpus.Doc d : split.validation()) held.add(d.id());
        List<Document> docs = st.corpus().documents().stream().filter(d -> held.contains(d.id())).toList();
        AtlasOptions options = options(ctx.config(), ctx.seed("decoder-phases-bootstrap"));
        int[] grid = windowGrid(context);
        double[][] window = null; // [layer·heads + head][grid index], mean over documents
        AtlasResult atlas;
        KappaResult kappa;
        try (AttentionModel m = st.model(ctx.config())) {
            ModelScan scan = ModelScan.run(m, docs, new ModelScan.Options(context, context, GROWTH, true, true),
                    (done, total, id) -> ctx.progress().update(0.5 + 0.4 * done / total, "decoder pass " + id));
            atlas = Atlas.of(scan, options);
            kappa = KappaScan.of(scan, options.bootstrap());
            for (Document d : docs) {
                int[][] w = KvWindow.of(m.forward(Arrays.copyOf(m.tokenize(d.text()), context)), grid, WINDOW_MASS);
                if (window == null) window = new double[w.length][grid.length];
                for (int h = 0; h < w.length; h++) for (int g = 0; g < grid.length; g++) window[h][g] += (double) w[h][g] / docs.size();
            }
        }
        Estimate gap = Compressibility.gapToDistanceLaw(kappa.compressibility(), atlas.phases(), options.bootstrap());
        atlas.writeTo(ctx.dir(), ctx.provenance());
        kappa.writeTo(ctx.dir(), ctx.provenance());
        PhaseFigures.capturedMassAgainstGamma(atlas).save(ctx.dir(), "captured-vs-gamma");
        PhaseFigures.compressibilityAgainstGamma(atlas, kappa).save(ctx.dir(), "pv-over-t-vs-gamma");
        KappaScan.figure(List.of(kappa)).save(ctx.dir(), "pv-over-t-vs-context");
        double[] exponents = windowFigure(ctx, atlas, grid, window);

        Compressibility.Result c = kappa.compressibility();
        int[] fit = atlas.phasesByFit(), cap = atlas.phasesByCapture();
        double[] sortedExp = Arrays.stream(exponents).sorted().toArray();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("masking detected from the probabilities", atlas.masking().name().toLowerCase(Locale.ROOT));
        common.put("held-out documents, bytes read per document", atlas.documents().size() + ", " + context);
        common.put("heads in phase A / B / undetermined by γ (λ = 0, 90 % CI vs 1)", fit[0] + " / " + fit[1] + " / " + fit[2]);
        common.put("by captured-mass growth", cap[0] + " / " + cap[1] + " / " + cap[2]);
        common.put("median γ over heads", atlas.medianGamma().text());
        common.put(String.format(Locale.ROOT, "growth exponent b of the %.0f %% KV window (W ∝ V^b, V in [%d, %d]): min / median / max over heads",
                100 * WINDOW_MASS, grid[0], grid[grid.length - 1]), Evidence.num(sortedExp[0]) + " / "
                + Evidence.num(sortedExp[sortedExp.length / 2]) + " / " + Evidence.num(sortedExp[sortedExp.length - 1]));
        String how = String.format(Locale.ROOT, "The %s decoder's ONNX export, one forward pass over the first %d bytes of "
                + "each of its %d held-out Brown documents (the masking is read off the probabilities: %s). The query at "
                + "position V − 1 attends to exactly V keys, so ln Z(V) for every V of the grid comes from the same pass; "
                + "every query's attention over its past distances is fitted by d^−γ (λ = 0) on its own support; "
                + "intervals resample documents (90 %% cluster bootstrap). ", st.config().preset(), context,
                atlas.documents().size(), atlas.masking().name().toLowerCase(Locale.ROOT));
        Claim.Figure pvtContext = Evidence.figure(ctx, "pv-over-t-vs-context", "PV/T per octave of context, 90 % bands over documents");
        Claim.Figure windows = Evidence.figure(ctx, "kv-window-vs-context", "Window of " + Math.round(100 * WINDOW_MASS)
                + " % of the attention of the query at V − 1 against V, per head");

        Map<String, String> k = new LinkedHashMap<>(common);
        for (int w = 0; w < c.windows().size(); w++) {
            k.put(String.format(Locale.ROOT, "PV/T, V in [%d, %d]", c.windows().get(w).low(), c.windows().get(w).high()),
                    c.c().get(w).text());
        }
        k.put("κ = PV/(N_eff T) in the top octave", c.kappa().text());
        k.put("κ of the ideal gas, 1/N_eff", Evidence.num(c.kappaIdeal()));
        k.put("relative change of PV/T " + octaves(context), c.relativeChange().text());
        List<Claim> claims = new ArrayList<>();
        claims.add(Claim.decided(new Claim.Subject("decoder-kappa", "κ (the compressibility PV/T) converges with context "
                + "length on a causal decoder", "abstract Fig. 1; Eqs. 24–26"), kappaRule(context), c.relativeChange(),
                new Claim.Presentation(how + "P = −∂F/∂V_ctx with F = −T ln Z(V) of the query that sees V keys; PV/T its "
                        + "slope d ln Z/d ln V per octave.", k, List.of(pvtContext))));

        Map<String, String> b = new LinkedHashMap<>(common);
        b.put("share of heads whose two readings agree", atlas.agreement().text());
        claims.add(Claim.decided(new Claim.Subject("decoder-phase-boundary", "γ = 1 is where the captured attention mass "
                + "stops growing with the window: the causal decoder (chapter §22.5–22.6)", "polylog chapter §22.5–22.6"),
                RealHeadPhasesStage.BOUNDARY, atlas.agreement(), new Claim.Presentation(how + "A head's phase is read from "
                + "γ (A below 1, B above) and from how its captured past mass grows with the window against a γ = 1 law; "
                + "the claim is that both agree. The KV window of 90 % of the last query's mass is plotted against V.",
                b, List.of(Evidence.figure(ctx, "captured-vs-gamma", "captured-mass growth against γ per head"), windows))));

        Map<String, String> n = new LinkedHashMap<>(common);
        n.put("share of heads with γ in [0.8, 1)", atlas.shareNearOne().text());
        claims.add(Claim.decided(new Claim.Subject("decoder-gamma-near-one", "Heads cluster just below γ = 1: the causal "
                + "decoder (chapter §22.6)", "polylog chapter §22.6"), RealHeadPhasesStage.NEAR_ONE, atlas.shareNearOne(),
                new Claim.Presentation(how + "Read as a majority of heads with γ in [0.8, 1).", n,
                        List.of(Evidence.figure(ctx, "gamma-histogram", "γ (λ = 0) over the decoder's heads")))));

        Map<String, String> p = new LinkedHashMap<>(common);
        p.put("mean over phase-A heads of PV/T − (1 − γ)", gap.text());
        claims.add(Claim.decided(new Claim.Subject("decoder-pv-over-t-gamma", "PV/T = 1 − γ for heads with γ < 1: the causal "
                + "decoder (chapter §22.4, Eq. 25)", "polylog chapter §22.4; Eqs. 25–26"), lawRule(context), gap,
                new Claim.Presentation(how + "If a head's attention over distance is d^−γ, Z(V) = Σ_{d≤V} d^−γ grows as "
                        + "V^{1−γ}, so PV/T → 1 − γ for γ < 1.", p, List.of(Evidence.figure(ctx, "pv-over-t-vs-gamma",
                        "PV/T against γ per head, with 1 − γ")))));
        ctx.progress().update(1, "done");
        return claims;
    }

    /** Draws the window against V per head, writes it as CSV, and returns each head's growth exponent. */
    private static double[] windowFigure(StageContext ctx, AtlasResult atlas, int[] grid, double[][] window) {
        Figure f = new Figure("KV window for " + Math.round(100 * WINDOW_MASS) + " % of the attention", "context V",
                "window W (keys back from the query)").logX().logY();
        double[] x = Arrays.stream(grid).asDoubleStream().toArray();
        double[] exponents = new double[window.length];
        StringBuilder csv = new StringBuilder("layer,head,gamma,growth_exponent");
        for (int v : grid) csv.append(",W_").append(v);
        csv.append('\n');
        for (int h = 0; h < window.length; h++) {
            int layer = h / atlas.headsPerLayer(), head = h % atlas.headsPerLayer();
            exponents[h] = KvWindow.growthExponent(grid, window[h]);
            f.line(String.format(Locale.ROOT, "L%d H%d (γ %.2f)", layer, head, atlas.head(layer, head).gamma()), x, window[h]);
            csv.append(String.format(Locale.ROOT, "%d,%d,%.17g,%.17g", layer, head, atlas.head(layer, head).gamma(), exponents[h]));
            for (double w : window[h]) csv.append(String.format(Locale.ROOT, ",%.17g", w));
            csv.append('\n');
        }
        f.save(ctx.dir(), "kv-window-vs-context");
        AtomicFiles.writeString(ctx.dir().resolve("kv-window.csv"), csv.toString());
        return exponents;
    }

    /** The context lengths of the window curves: the growth grid from its smallest context up to the decoder's. */
    static int[] windowGrid(int context) {
        return new ContextGrowth(GROWTH.minContext(), GROWTH.pointsPerOctave(), 0, 0).grid(context);
    }
}
