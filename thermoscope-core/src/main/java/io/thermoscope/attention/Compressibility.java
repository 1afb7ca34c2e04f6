package io.thermoscope.attention;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.thermoscope.InvalidInputException;
import io.thermoscope.decision.Estimate;
import io.thermoscope.stats.ClusterBootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * The compressibility factor of attention over a corpus: c(V) = PV/T = d ln Z/d ln V_ctx (with F = −T ln Z and
 * P = −∂F/∂V_ctx, Kim 2026 Eqs. 24–25, PV/T = V ∂ln Z/∂V), fitted by least squares of ln Z on ln V over each octave
 * [V/2, V] of the grid, per document and head; the equation-of-state constant κ = PV/(N_eff T) = c/N_eff beside the
 * ideal information gas's κ_ideal = 1/N_eff (P = T/V, Eq. 26, is c = 1). The distance ensemble predicts c → 1 − γ for
 * γ &lt; 1 and c → 0 for γ &gt; 1 (Z = Σ_{d ≤ V} d^−γ, polylog chapter §22.4). Intervals: cluster bootstrap over
 * documents ({@link ClusterBootstrap}); every statistic is evaluated on the same resamples; every curve of the analysis must reach the same top octave.
 */
public final class Compressibility {

    private Compressibility() {
    }

    /**
     * One octave of context lengths.
     *
     * @param low  smallest V (inclusive)
     * @param high largest V (inclusive), 2·low
     */
    public record Window(int low, int high) {
    }

    /**
     * The compressibility of one head.
     *
     * @param layer layer
     * @param head  head
     * @param nEff  N_eff of the head (weights), NaN when not given
     * @param c     c = d ln Z/d ln V per window (top window first), every key admitted
     * @param cText the same over the text keys only (special tokens left out)
     */
    public record Head(int layer, int head, double nEff, List<Estimate> c, List<Estimate> cText) {
        /** κ = c/N_eff in the top window (Eq. 25–26). */
        public double kappa() {
            return c.get(0).value() / nEff;
        }
    }

    /**
     * The compressibility of one model over a corpus.
     *
     * @param documents      documents (curves) analysed
     * @param windows        the octaves, top first
     * @param c              mean over heads of c per window, every key
     * @param cText          mean over heads of c per window, text keys only
     * @param nEff           mean N_eff over heads (NaN when not given)
     * @param kappa          κ = c̄/N̄_eff in the top window (Eqs. 25–26)
     * @param kappaIdeal     κ of the ideal information gas, 1/N̄_eff (Eq. 26: c = 1)
     * @param relativeChange (c̄(top) − c̄(previous))/c̄(previous), the convergence statistic
     * @param heads          per head
     * @param replicates     per head, c in the top window on each bootstrap resample ([layer·H + head][resample])
     * @param textReplicates the same for c over the text keys
     */
    public record Result(int documents, List<Window> windows, List<Estimate> c, List<Estimate> cText, double nEff,
                         Estimate kappa, double kappaIdeal, Estimate relativeChange, List<Head> heads,
                         @JsonIgnore double[][] replicates, @JsonIgnore double[][] textReplicates) {
    }

    /**
     * Analyses the per-document curves; {@code nEff} [layer][head] may be null (then κ is NaN).
     * Every interval comes from the same resamples of the documents.
     */
    public static Result analyse(List<ContextGrowth.Curve> curves, double[][] nEff, ClusterBootstrap bootstrap) {
        if (curves.isEmpty()) throw new InvalidInputException("no documents to analyse");
        DocumentResamples replicates = DocumentResamples.of(bootstrap, curves.size());
        ContextGrowth.Curve first = curves.get(0);
        int L = first.lnZ().length, H = first.lnZ()[0].length;
        List<Window> windows = windows(curves);
        int W = windows.size(), D = curves.size(), B = replicates.count();
        // per document, head and window: the least-squares slope of ln Z on ln V
        double[][][] slope = new double[D][L * H][W], slopeText = new double[D][L * H][W];
        for (int d = 0; d < D; d++) {
            ContextGrowth.Curve cv = curves.get(d);
            for (int w = 0; w < W; w++) {
                int[] idx = indices(cv.grid(), windows.get(w));
                for (int l = 0; l < L; l++) {
                    for (int h = 0; h < H; h++) {
                        slope[d][l * H + h][w] = slope(cv.grid(), cv.lnZ()[l][h], idx); // c = d ln Z/d ln V
                        slopeText[d][l * H + h][w] = slope(cv.grid(), cv.lnZText()[l][h], idx);
                    }
                }
            }
        }
        double[] unit = replicates.unit();
        double meanNEff = Double.NaN;
        if (nEff != null) {
            double s = 0;
            for (double[] row : nEff) for (double x : row) s += x;
            meanNEff = s / (L * H);
        }
        List<Head> heads = new ArrayList<>();
        double[][] headReplicates = new double[L * H][], headTextReplicates = new double[L * H][];
        for (int lh = 0; lh < L * H; lh++) {
            List<Estimate> c = new ArrayList<>(), ct = new ArrayList<>();
            for (int w = 0; w < W; w++) {
                double[] rep = new double[B], repText = new double[B];
                for (int r = 0; r < B; r++) {
                    rep[r] = mean(slope, lh, w, replicates.weights()[r]);
                    repText[r] = mean(slopeText, lh, w, replicates.weights()[r]);
                }
                if (w == 0) {
                    headReplicates[lh] = rep;
                    headTextReplicates[lh] = repText;
                }
                c.add(replicates.interval(mean(slope, lh, w, unit), rep));
                ct.add(replicates.interval(mean(slopeText, lh, w, unit), repText));
            }
            heads.add(new Head(lh / H, lh % H, nEff == null ? Double.NaN : nEff[lh / H][lh % H], c, ct));
        }
        List<Estimate> c = new ArrayList<>(), ct = new ArrayList<>();
        double[][] modelRep = new double[W][B];
        for (int w = 0; w < W; w++) {
            double[] repText = new double[B];
            for (int r = 0; r < B; r++) {
                modelRep[w][r] = modelMean(slope, w, replicates.weights()[r]);
                repText[r] = modelMean(slopeText, w, replicates.weights()[r]);
            }
            c.add(replicates.interval(modelMean(slope, w, unit), modelRep[w]));
            ct.add(replicates.interval(modelMean(slopeText, w, unit), repText));
        }
        double[] kRep = new double[B], relRep = new double[B];
        for (int r = 0; r < B; r++) {
            kRep[r] = modelRep[0][r] / meanNEff; // κ = c/N_eff (Eqs. 25–26)
            relRep[r] = W > 1 ? (modelRep[0][r] - modelRep[1][r]) / modelRep[1][r] : Double.NaN;
        }
        double rel = W > 1 ? (c.get(0).value() - c.get(1).value()) / c.get(1).value() : Double.NaN;
        return new Result(D, windows, c, ct, meanNEff, replicates.interval(c.get(0).value() / meanNEff, kRep),
                1 / meanNEff, replicates.interval(rel, relRep), heads, headReplicates, headTextReplicates);
    }

    /**
     * How far the growth of the distance ensemble's Z (text keys, top octave) is from the chapter's law PV/T = 1 − γ
     * over the heads in phase A (γ &lt; 1 by the λ = 0 fit): the mean over those heads of c_text − (1 − γ), with its
     * interval from the same document resamples as both analyses (they must cover the same documents in the same
     * order, analysed with the same bootstrap).
     */
    public static Estimate gapToDistanceLaw(Result c, HeadPhases.Result phases, ClusterBootstrap bootstrap) {
        if (c.documents() != phases.documents() || c.heads().size() != phases.heads().size()) {
            throw new InvalidInputException("the compressibility and the phases cover different documents or heads");
        }
        DocumentResamples replicates = DocumentResamples.of(bootstrap, c.documents());
        List<Integer> phaseA = new ArrayList<>();
        for (int lh = 0; lh < c.heads().size(); lh++) {
            if (phases.heads().get(lh).gamma().value() < 1) phaseA.add(lh);
        }
        double[] rep = new double[replicates.count()];
        double value = Double.NaN;
        if (!phaseA.isEmpty()) {
            value = 0;
            for (int lh : phaseA) {
                value += (c.heads().get(lh).cText().get(0).value() - (1 - phases.heads().get(lh).gamma().value()))
                        / phaseA.size(); // PV/T − (1 − γ) (chapter §22.4: Z(V) ∝ V^{1−γ})
            }
            for (int r = 0; r < rep.length; r++) {
                for (int lh : phaseA) {
                    rep[r] += (c.textReplicates()[lh][r] - (1 - phases.gammaReplicates()[lh][r])) / phaseA.size();
                }
            }
        }
        return replicates.interval(value, rep);
    }

    /** The octaves [V/2, V] of the grid, top first, down to the smallest V: the top is the largest V = V_min·2^k every curve reaches. */
    static List<Window> windows(List<ContextGrowth.Curve> curves) {
        int top = Integer.MAX_VALUE, min = curves.get(0).grid()[0];
        for (ContextGrowth.Curve c : curves) {
            if (c.grid()[0] != min) throw new InvalidInputException("the curves start at different context lengths");
            top = Math.min(top, c.grid()[c.grid().length - 1]);
        }
        int hi = min;
        while (2L * hi <= top) hi *= 2;
        List<Window> out = new ArrayList<>();
        for (; hi >= 2 * min; hi /= 2) out.add(new Window(hi / 2, hi));
        if (out.isEmpty()) throw new InvalidInputException("the context grid spans less than one octave (from " + min
                + " to " + top + " tokens)");
        return out;
    }

    private static int[] indices(int[] grid, Window w) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) if (grid[i] >= w.low() && grid[i] <= w.high()) idx.add(i);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Least-squares slope of y on ln V over the grid points {@code idx} (two-pass: centred sums). */
    static double slope(int[] grid, double[] y, int[] idx) {
        double mx = 0, my = 0;
        for (int i : idx) {
            mx += Math.log(grid[i]);
            my += y[i];
        }
        mx /= idx.length;
        my /= idx.length;
        double sxy = 0, sxx = 0;
        for (int i : idx) {
            double dx = Math.log(grid[i]) - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    private static double mean(double[][][] v, int lh, int w, double[] weight) {
        double s = 0, n = 0;
        for (int d = 0; d < v.length; d++) {
            s += weight[d] * v[d][lh][w];
            n += weight[d];
        }
        return s / n;
    }

    private static double modelMean(double[][][] v, int w, double[] weight) {
        int heads = v[0].length;
        double s = 0;
        for (int lh = 0; lh < heads; lh++) s += mean(v, lh, w, weight);
        return s / heads;
    }
}
