package io.thermoscope.reproduce;

import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Rule;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DepthObservables;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.train.lm.LmConfig;
import io.thermoscope.train.lm.LmSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Depth as time (Kim 2026, Eq. 18, §VII.A) and depth scaling (§VIII.C.2) on decoders of L = 1, 2, 4, 8 layers at equal
 * width and token budget, trained on the same split: per layer the specific heat C_v and entropy of attention and
 * the Fisher–Rao distance between consecutive layers ({@link DepthObservables}) on held-out documents. Two claims:
 * attention relaxes with depth (the layer-to-layer distance falls along the deepest model: ρ̇ → 0), and C_v's peak
 * over layers grows with L (the paper's proposal that scaling appears as depth approaches the continuum).
 */
public final class DepthScalingStage extends DecoderStage {
    /** The depths of the series. */
    static final List<Integer> DEPTHS = List.of(1, 2, 4, 8);

    /** The series built on the {@code depth} preset (quick) or the {@code small} one (full). */
    public DepthScalingStage() {
        this(c -> new DecoderStudy(LmConfig.preset(c.full() ? "small" : "depth", c.seed()), 0));
    }

    /** The series built on the decoder {@code base} chooses (its depth replaced; tests pass a tiny one). */
    DepthScalingStage(Function<ReproductionConfig, DecoderStudy> base) {
        super("decoder-depth",
                "Depth as time: attention along the layers of decoders with L = 1, 2, 4, 8", base);
    }

    @Override
    public double weight(ReproductionConfig config) {
        return config.full() ? 400 : 6;
    }

    /** The decoders of the series: the base configuration at each depth (same width, schedule and split). */
    List<DecoderStudy> series(ReproductionConfig c) {
        DecoderStudy b = study.apply(c);
        List<DecoderStudy> out = new ArrayList<>();
        for (int L : DEPTHS) {
            LmConfig cfg = b.config().withModel(b.config().model().withLayers(L)).withPreset(b.config().preset() + "-L" + L);
            out.add(new DecoderStudy(cfg, b.documents()));
        }
        return out;
    }

    int documents(ReproductionConfig c) {
        return c.full() ? 50 : 30;
    }

    /**
     * What the result depends on.
     *
     * @param series    the decoders
     * @param documents held-out documents measured (one window each)
     * @param seed      master seed (bootstrap)
     */
    record Params(List<DecoderStudy> series, int documents, long seed) {
    }

    /** Relaxation: the layer-to-layer distance falls along the deepest model. */
    static final BoundRule RELAXATION = new BoundRule("the slope of the Fisher–Rao distance between consecutive layers' "
            + "attention against relative depth in the deepest decoder, mean over held-out documents",
            BoundRule.Side.BELOW, 0, 0.95, 10, "documents");

    /**
     * Depth scaling: C_v's peak over layers grows with L as a power clearly above the a ≈ 0.05 the paper calls "no clear
     * scaling" for its Fig. 4 (§VI.B.2): a &gt; 0.1.
     */
    static final BoundRule SCALING = new BoundRule("the exponent a of max over layers of C_v ∝ L^a across the depths, "
            + "mean over held-out documents of the per-document log–log slope", BoundRule.Side.ABOVE, 0.1, 0.95, 10, "documents");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(series(config), documents(config), config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RELAXATION, SCALING);
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        List<DecoderStudy> series = series(ctx.config());
        int nDocs = documents(ctx.config());
        List<List<DepthObservables>> perModel = new ArrayList<>(); // [model][document]
        List<LmSummary> summaries = new ArrayList<>();
        for (int m = 0; m < series.size(); m++) {
            DecoderStudy st = series.get(m);
            int mm = m;
            StageContext sub = new StageContext(ctx.config(), ctx.dir(), ctx.provenance(),
                    (f, d) -> ctx.progress().update((mm + 0.8 * f) / series.size(), d));
            summaries.add(st.train(sub, 1));
            List<DepthObservables> docs = new ArrayList<>();
            try (AttentionModel model = st.model(ctx.config())) {
                for (long[] ids : heldOutInputs(st.split(), nDocs)) docs.add(DepthObservables.of(model.forward(ids)));
            }
            perModel.add(docs);
        }
        int docs = perModel.get(0).size();
        ClusterBootstrap boot = ClusterBootstrap.standard(ctx.seed("decoder-depth"));
        List<Integer> units = new ArrayList<>();
        for (int d = 0; d < docs; d++) units.add(d);
        List<DepthObservables> deepest = perModel.get(perModel.size() - 1);
        Estimate slope = boot.estimate(units, u -> u.stream().mapToDouble(d -> deepest.get(d).relaxationSlope()).average()
                .orElse(Double.NaN), "documents");
        Estimate exponent = boot.estimate(units, u -> u.stream().mapToDouble(d -> cvExponent(perModel, d)).average()
                .orElse(Double.NaN), "documents");

        Figure cvFig = new Figure("C_v of attention along depth", "relative depth l/(L − 1)", "mean C_v = Var(E)/T²");
        Figure frFig = new Figure("Layer-to-layer change of attention", "relative depth of the transition",
                "Fisher–Rao distance between consecutive layers");
        Figure sFig = new Figure("Entropy of attention along depth", "relative depth l/(L − 1)", "mean entropy S");
        StringBuilder csv = new StringBuilder("layers,layer,cv,entropy,distance_to_next\n");
        Map<String, String> nums = new LinkedHashMap<>();
        double[] cvMax = new double[series.size()], depth = new double[series.size()];
        for (int m = 0; m < series.size(); m++) {
            DepthObservables mean = DepthObservables.mean(perModel.get(m));
            int L = DEPTHS.get(m);
            double[] x = new double[L];
            for (int l = 0; l < L; l++) {
                x[l] = L == 1 ? 0 : (double) l / (L - 1);
                csv.append(String.format(Locale.ROOT, "%d,%d,%.17g,%.17g,%s%n", L, l, mean.cv()[l], mean.entropy()[l],
                        l < L - 1 ? String.format(Locale.ROOT, "%.17g", mean.distance()[l]) : ""));
            }
            cvFig.line("L = " + L, x, mean.cv());
            sFig.line("L = " + L, x, mean.entropy());
            if (L > 1) {
                double[] xt = new double[L - 1];
                for (int l = 0; l < L - 1; l++) xt[l] = L == 2 ? 0 : (double) l / (L - 2);
                frFig.line("L = " + L, xt, mean.distance());
            }
            cvMax[m] = mean.cvMax();
            depth[m] = L;
            nums.put("L = " + L, String.format(Locale.ROOT, "validation %s bits/byte; max C_v %s; distances %s",
                    Evidence.num(summaries.get(m).valBpb()), Evidence.num(mean.cvMax()), fmt(mean.distance())));
        }
        AtomicFiles.writeString(ctx.dir().resolve("depth-observables.csv"), csv.toString());
        cvFig.save(ctx.dir(), "cv-along-depth");
        frFig.save(ctx.dir(), "distance-along-depth");
        sFig.save(ctx.dir(), "entropy-along-depth");
        new Figure("Peak C_v against depth", "layers L", "max over layers of C_v").logX().logY()
                .points("mean over documents", depth, cvMax).save(ctx.dir(), "cv-max-vs-depth");
        nums.put("relaxation slope (L = " + DEPTHS.get(DEPTHS.size() - 1) + ")", slope.text());
        nums.put("exponent a of max C_v ∝ L^a", exponent.text());
        LmConfig cfg = series.get(0).config();
        String ev = String.format(Locale.ROOT, "Four decoders of L = %s layers, d_model %d, %d heads, context %d, each "
                + "trained for %d tokens on the same Brown split, read through their ONNX exports on one window of "
                + "each of %d held-out documents. Per layer: C_v and entropy of every attention row with at least two "
                + "keys (mean over heads and queries); between layers: the Fisher–Rao distance of the head-averaged rows.",
                DEPTHS, cfg.model().dModel(), cfg.model().heads(), cfg.model().context(), cfg.tokenBudget(), docs);
        List<Claim.Figure> figs = List.of(Evidence.figure(ctx, "distance-along-depth", "Fisher–Rao distance between "
                + "consecutive layers along relative depth, per decoder"), Evidence.figure(ctx, "cv-along-depth", "C_v per "
                + "layer along relative depth"), Evidence.figure(ctx, "entropy-along-depth", "Entropy per layer"));
        ctx.progress().update(1, "done");
        return List.of(
                Claim.decided(new Claim.Subject("decoder-depth-relaxation", "Attention relaxes with depth: the layer-to-layer "
                        + "change ρ̇ falls toward equilibrium", "Eq. 18, §VII.A"), RELAXATION, slope,
                        new Claim.Presentation(ev, nums, figs)),
                Claim.decided(new Claim.Subject("decoder-depth-scaling", "The peak specific heat scales with depth L",
                        "§VIII.C.2"), SCALING, exponent, new Claim.Presentation(ev, nums, List.of(Evidence.figure(ctx,
                        "cv-max-vs-depth", "Peak C_v over layers against L"), figs.get(1)))));
    }

    /** Least-squares slope of ln(max C_v) against ln L over the series, for document {@code d}. */
    static double cvExponent(List<List<DepthObservables>> perModel, int d) {
        int m = perModel.size();
        double[] x = new double[m], y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = Math.log(DEPTHS.get(i));
            y[i] = Math.log(perModel.get(i).get(d).cvMax());
        }
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0), sxy = 0, sxx = 0;
        for (int i = 0; i < m; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx; // C_v^max ∝ L^a on log–log axes
    }

    private static String fmt(double[] a) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) b.append(i == 0 ? "" : ", ").append(Evidence.num(a[i]));
        return b.append(']').toString();
    }
}
