package io.thermoscope.models;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.thermoscope.attention.HeadPhases;
import io.thermoscope.attention.Masking;
import io.thermoscope.decision.Estimate;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;
import io.thermoscope.plot.Figure;
import io.thermoscope.plot.Heatmap;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The atlas of one model over a corpus: one {@link HeadStats} per (layer, head), layer-major, and the distribution of
 * γ over the heads.
 *
 * @param model         model name
 * @param layers        attention layers
 * @param headsPerLayer heads per layer
 * @param dk            key dimension
 * @param T             temperature √d_k
 * @param masking       detected masking (profiles fold |i − j| when bidirectional, the past when causal)
 * @param documents     ids of the documents, in order (the clusters of the bootstrap)
 * @param tokens        tokens run (sum of sequence lengths)
 * @param tooShort      documents skipped as too short
 * @param cut           documents cut to the model's positions
 * @param captureLow    smallest window N of the captured-mass slope
 * @param captureHigh   largest window N of the captured-mass slope
 * @param nearOneLow    lower edge of the band [nearOneLow, 1) "just below γ = 1"
 * @param shareNearOne  share of heads with γ (λ = 0) in that band
 * @param medianGamma   median γ over heads
 * @param agreement     share of heads whose λ = 0 γ and captured-mass growth agree on the side of γ = 1
 * @param heads         the per-head statistics
 * @param phases        the phase analysis behind the decay fields, with its bootstrap resamples (not serialised)
 */
public record AtlasResult(String model, int layers, int headsPerLayer, int dk, double T, Masking masking,
                          List<String> documents, long tokens, int tooShort, int cut, int captureLow, int captureHigh,
                          double nearOneLow, Estimate shareNearOne, Estimate medianGamma, Estimate agreement,
                          List<HeadStats> heads, @JsonIgnore HeadPhases.Result phases) {

    /** The statistics of one head. */
    public HeadStats head(int layer, int head) {
        return heads.get(layer * headsPerLayer + head);
    }

    /** A [layer][head] table of one statistic. */
    public double[][] table(ToDoubleFunction<HeadStats> f) {
        double[][] t = new double[layers][headsPerLayer];
        for (HeadStats h : heads) t[h.layer()][h.head()] = f.applyAsDouble(h);
        return t;
    }

    /** Heads per phase by the λ = 0 fit: [A, B, undetermined]. */
    public int[] phasesByFit() {
        int[] n = new int[3];
        for (HeadStats h : heads) n[h.decay().phaseByFit().ordinal()]++;
        return n;
    }

    /** Heads per phase by the captured-mass growth: [A, B, undetermined]. */
    public int[] phasesByCapture() {
        int[] n = new int[3];
        for (HeadStats h : heads) n[h.decay().phaseByCapture().ordinal()]++;
        return n;
    }

    /**
     * Writes atlas.json (with provenance), atlas.csv, documents.txt, the C_v, S and γ heatmaps and the γ histogram
     * (SVG + PNG) into {@code dir}.
     */
    public void writeTo(Path dir, Provenance provenance) {
        Json.write(dir.resolve("atlas.json"), Json.withProvenance(this, provenance));
        AtomicFiles.writeString(dir.resolve("atlas.csv"), csv());
        AtomicFiles.writeString(dir.resolve("documents.txt"), String.join("\n", documents) + "\n");
        heatmap("C_v = Var(E)/T² per head — " + model, "C_v", table(HeadStats::Cv)).save(dir, "atlas-cv");
        heatmap("Entropy S per head — " + model, "S (nats)", table(HeadStats::S)).save(dir, "atlas-entropy");
        heatmap("Distance decay γ (λ = 0) per head — " + model, "γ", table(HeadStats::gamma)).save(dir, "atlas-gamma");
        gammaHistogram().save(dir, "gamma-histogram");
    }

    private Heatmap heatmap(String title, String unit, double[][] values) {
        String[] x = new String[headsPerLayer];
        for (int h = 0; h < headsPerLayer; h++) x[h] = Integer.toString(h);
        String[] y = new String[layers];
        for (int l = 0; l < layers; l++) y[l] = Integer.toString(l);
        return new Heatmap(title, "head", "layer", values).xTicks(x).yTicks(y).colorbarLabel(unit);
    }

    /** Histogram of γ (λ = 0) over the heads in bins of 0.1, with the band [nearOneLow, 1) and γ = 1 marked. */
    public Figure gammaHistogram() {
        double lo = -0.5, w = 0.1;
        int bins = 30;
        double[] x = new double[bins], count = new double[bins];
        for (int b = 0; b < bins; b++) x[b] = lo + (b + 0.5) * w;
        for (HeadStats h : heads) {
            double g = h.gamma();
            if (!Double.isFinite(g)) continue;
            int b = (int) Math.floor((g - lo) / w);
            count[Math.max(0, Math.min(bins - 1, b))]++;
        }
        Figure f = new Figure(String.format(Locale.ROOT, "γ (λ = 0) over the %d heads of %s", heads.size(), model),
                "γ", "heads");
        f.line(String.format(Locale.ROOT, "heads per 0.1 of γ; in [%.1f, 1): %s", nearOneLow, shareNearOne.text()), x,
                count);
        f.vline(nearOneLow, "γ = " + nearOneLow);
        f.vline(1, "γ = 1");
        return f;
    }

    /** The heads as CSV (header row, %.17g). */
    public String csv() {
        StringBuilder sb = new StringBuilder("layer,head,queries,logZ,F,U,S,Cv,CvStd,nEff,profiles,gamma,gammaLo,gammaHi,"
                + "gammaFree,gammaFreeLo,gammaFreeHi,lambda,lambdaLo,lambdaHi,r2,gammaOls,capturedSlope,capturedSlopeLo,"
                + "capturedSlopeHi,boundarySlope,fittedSlope,phaseByFit,phaseByCapture\n");
        for (HeadStats h : heads) {
            var t = h.thermodynamics();
            HeadPhases.Head d = h.decay();
            sb.append(String.format(Locale.ROOT, "%d,%d,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%d,%s,%s,%s,%.17g,%.17g,%s,"
                            + "%.17g,%.17g,%s,%s%n", h.layer(), h.head(), t.queries(), t.logZ(), t.F(), t.U(), t.S(), t.Cv(),
                    t.CvStd(), t.nEff(), d.profiles(), triple(d.gamma()), triple(d.gammaFree()), triple(d.lambda()),
                    d.r2(), d.gammaOls(), triple(d.capturedSlope()), d.boundarySlope(), d.fittedSlope(), d.phaseByFit(),
                    d.phaseByCapture()));
        }
        return sb.toString();
    }

    private static String triple(Estimate e) {
        return String.format(Locale.ROOT, "%.17g,%.17g,%.17g", e.value(), e.low(), e.high());
    }
}
