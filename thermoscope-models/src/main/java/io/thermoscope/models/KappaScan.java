package io.thermoscope.models;

import io.thermoscope.attention.Compressibility;
import io.thermoscope.attention.ContextGrowth;
import io.thermoscope.corpus.Document;
import io.thermoscope.decision.Estimate;
import io.thermoscope.plot.Figure;
import io.thermoscope.stats.ClusterBootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The equation of state of a real model against context length (abstract Fig. 1, Eqs. 25–26) on a corpus: per
 * document one forward pass over its first V_max tokens; a fixed set of queries (inside the smallest context) sees a
 * growing set of keys ({@link ContextGrowth}: for an encoder the same query states and energies with more keys
 * admitted, for a decoder the query at V − 1); ln Z(V) on a log grid; c = PV/T = d ln Z/d ln V per octave
 * ({@link Compressibility}), κ = c/N_eff beside κ_ideal = 1/N_eff with N_eff the heads' mean weight rank
 * (participation ratio of the singular values of W_Q,h W_K,hᵀ, Eq. 25). Cluster-bootstrap intervals over documents.
 */
public final class KappaScan {

    /** Definition of the weights N_eff, as reported. */
    public static final String N_EFF_WEIGHTS = "mean over layers and heads of the participation ratio of the singular "
            + "values of W_Q W_K^T (Eq. 25), constant in V";

    private KappaScan() {
    }

    /** Scans {@code documents} with {@code model}: documents shorter than the largest context are skipped. */
    public static KappaResult run(AttentionModel model, List<Document> documents, KappaOptions options,
                                  ModelScan.Listener listener) {
        ModelScan scan = ModelScan.run(model, documents, new ModelScan.Options(options.maxContext(),
                options.maxContext(), options.growth(), false, true), listener);
        return of(scan, options.bootstrap());
    }

    /** The compressibility of a finished scan that measured the context growth. */
    public static KappaResult of(ModelScan scan, ClusterBootstrap bootstrap) {
        List<ContextGrowth.Curve> curves = scan.scan().curves();
        Compressibility.Result c = Compressibility.analyse(curves, scan.weightRanks(), bootstrap);
        int G = Integer.MAX_VALUE;
        for (ContextGrowth.Curve cv : curves) G = Math.min(G, cv.grid().length);
        List<Integer> grid = new ArrayList<>();
        List<Double> mean = new ArrayList<>(), meanText = new ArrayList<>();
        for (int g = 0; g < G; g++) {
            double s = 0, st = 0;
            int n = 0;
            for (ContextGrowth.Curve cv : curves) {
                for (double[][] layer : cv.lnZ()) for (double[] head : layer) s += head[g];
                for (double[][] layer : cv.lnZText()) for (double[] head : layer) st += head[g];
                n += scan.layers() * scan.heads();
            }
            grid.add(curves.get(0).grid()[g]);
            mean.add(s / n);
            meanText.add(st / n);
        }
        return new KappaResult(scan.model(), scan.layers(), scan.heads(), scan.scan().temperature(),
                scan.scan().masking(), scan.scan().curveDocuments(), scan.tooShort(), scan.cut(), grid, mean, meanText,
                scan.weightRanks() == null ? "not available (projections not found)" : N_EFF_WEIGHTS, c);
    }

    /**
     * PV/T = c per octave of V_ctx for several models (every key, and text keys only), each with its confidence band,
     * and the ideal information gas c = 1 (P = T/V, Eq. 26).
     */
    public static Figure figure(List<KappaResult> results) {
        Figure fig = new Figure("Compressibility factor PV/T = d ln Z/d ln V_ctx per octave of context", "V_ctx (tokens)",
                "PV/T").logX();
        for (KappaResult r : results) {
            Compressibility.Result c = r.compressibility();
            String ci = Math.round(100 * c.c().get(0).confidence()) + " % CI";
            series(fig, String.format(Locale.ROOT, "%s, every key (%d documents)", r.model(), r.documents().size()),
                    ci, c.windows(), c.c());
            series(fig, r.model() + ", text keys only", ci, c.windows(), c.cText());
        }
        fig.hline(1, "ideal information gas P = T/V (PV/T = 1)");
        return fig;
    }

    private static void series(Figure fig, String label, String ci, List<Compressibility.Window> windows,
                               List<Estimate> values) {
        int W = windows.size();
        double[] v = new double[W], y = new double[W], lo = new double[W], hi = new double[W];
        for (int w = 0; w < W; w++) {
            Compressibility.Window win = windows.get(w);
            v[w] = Math.sqrt((double) win.low() * win.high()); // the octave's geometric middle
            y[w] = values.get(w).value();
            lo[w] = values.get(w).low();
            hi[w] = values.get(w).high();
        }
        fig.line(label, v, y);
        fig.band(label + " " + ci, v, lo, hi);
    }
}
