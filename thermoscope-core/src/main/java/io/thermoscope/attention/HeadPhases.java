package io.thermoscope.attention;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.thermoscope.InvalidInputException;
import io.thermoscope.decision.Estimate;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.distance.DecayLaw;
import io.thermoscope.distance.PooledProfiles;
import io.thermoscope.distance.ProfileSums;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The distance phases of a model's heads over a corpus (polylog chapter §22.5): per head, the decay law
 * d^−γ e^−λd fitted by maximum likelihood to every query's attention profile of every document — with λ = 0, which
 * makes the phase identifiable (with λ free, γ and λ trade off), and with λ free, reported beside it — and the
 * growth of the captured mass M(N) = Σ_{d ≤ N} m(d) with the window N, compared with what a γ = 1 law predicts on the
 * same supports (the KV-window boundary of §22.6: the mass keeps growing with N in phase A and saturates in phase B).
 * Intervals: cluster bootstrap over documents, the same resamples for every head, so the distribution of γ over
 * heads (the share just below γ = 1) gets an interval too.
 */
public final class HeadPhases {

    private HeadPhases() {
    }

    /** A head's phase from an interval: A below the boundary, B above, undetermined when it straddles it. */
    public enum Phase {
        /** γ &lt; 1 (the captured mass keeps growing with the window). */
        A,
        /** γ &gt; 1 (the captured mass saturates). */
        B,
        /** The interval contains the boundary. */
        UNDETERMINED;

        /** The phase of an interval of γ against γ = 1. */
        static Phase ofGamma(Estimate g) {
            return g.high() < 1 ? A : g.low() > 1 ? B : UNDETERMINED;
        }

        /** The phase of an interval of the captured-mass slope excess over the γ = 1 law (positive: A). */
        static Phase ofExcess(Estimate e) {
            return e.low() > 0 ? A : e.high() < 0 ? B : UNDETERMINED;
        }
    }

    /**
     * One head.
     *
     * @param layer          layer
     * @param head           head
     * @param profiles       query profiles fitted (all documents)
     * @param gamma          γ of the λ = 0 law (MLE)
     * @param gammaFree      γ of the law with λ fitted
     * @param lambda         λ of the law with λ fitted
     * @param r2             R² (log space) of the λ = 0 law against the mean profile
     * @param gammaOls       log–log OLS slope of the mean profile (peer tools' estimator)
     * @param capturedSlope  d ln M/d ln N over the capture window, observed
     * @param boundarySlope  the same slope predicted by the γ = 1 law (λ = 0) on the same supports
     * @param fittedSlope    the same slope predicted by the fitted λ = 0 law
     * @param excess         capturedSlope − boundarySlope
     * @param phaseByFit     phase from γ's interval
     * @param phaseByCapture phase from the excess's interval
     */
    public record Head(int layer, int head, long profiles, Estimate gamma, Estimate gammaFree, Estimate lambda,
                       double r2, double gammaOls, Estimate capturedSlope, double boundarySlope, double fittedSlope,
                       Estimate excess, Phase phaseByFit, Phase phaseByCapture) {
    }

    /**
     * The phases of a model.
     *
     * @param documents    documents (clusters)
     * @param captureLow   smallest N of the capture window
     * @param captureHigh  largest N of the capture window
     * @param heads        per head
     * @param nearOneLow   lower edge of the "just below γ = 1" band
     * @param shareNearOne share of heads with γ (λ = 0) in [nearOneLow, 1)
     * @param medianGamma  median γ over heads
     * @param agreement    share of heads (of those with both readings) whose λ = 0 γ and captured-mass growth put
     *                     them on the same side of the boundary: γ &lt; 1 exactly when the mass grows faster than at
     *                     γ = 1
     * @param gammaReplicates per head, γ on each bootstrap resample ([layer·H + head][resample])
     */
    public record Result(int documents, int captureLow, int captureHigh, List<Head> heads, double nearOneLow,
                         Estimate shareNearOne, Estimate medianGamma, Estimate agreement,
                         @JsonIgnore double[][] gammaReplicates) {
        /** Heads per phase by the fit: [A, B, undetermined]. */
        public int[] countByFit() {
            int[] n = new int[3];
            for (Head h : heads) n[h.phaseByFit().ordinal()]++;
            return n;
        }

        /** Heads per phase by the captured mass: [A, B, undetermined]. */
        public int[] countByCapture() {
            int[] n = new int[3];
            for (Head h : heads) n[h.phaseByCapture().ordinal()]++;
            return n;
        }

        /** Heads whose two phase readings are both determined and agree. */
        public int agreeing() {
            int n = 0;
            for (Head h : heads) {
                if (h.phaseByFit() != Phase.UNDETERMINED && h.phaseByFit() == h.phaseByCapture()) n++;
            }
            return n;
        }
    }

    /**
     * Analyses per-document profile sums, [document][layer][head]; {@code nearOneLow} is the lower edge of the band
     * [nearOneLow, 1) of the chapter's observation (0.8).
     */
    public static Result analyse(List<ProfileSums[][]> documents, ClusterBootstrap bootstrap, double nearOneLow) {
        if (documents.isEmpty()) throw new InvalidInputException("no documents to analyse");
        DocumentResamples replicates = DocumentResamples.of(bootstrap, documents.size());
        int L = documents.get(0).length, H = documents.get(0)[0].length, B = replicates.count();
        PooledProfiles[] pooled = new PooledProfiles[L * H];
        for (int lh = 0; lh < L * H; lh++) {
            List<ProfileSums> c = new ArrayList<>();
            for (ProfileSums[][] d : documents) c.add(d[lh / H][lh % H]);
            pooled[lh] = new PooledProfiles(c);
        }
        int[] grid = pooled[0].grid();
        int top = Integer.highestOneBit(pooled[0].maxDistance());
        int[] window = IntStream.range(0, grid.length).filter(g -> grid[g] >= top / 2 && grid[g] <= top).toArray();
        // profiles too short for a window of two grid points: no captured-mass reading (NaN slopes, undetermined)
        double[][] gammaRep = new double[L * H][], excessRep = new double[L * H][];
        Head[] heads = new Head[L * H];
        IntStream.range(0, L * H).parallel().forEach(lh -> {
            PooledProfiles p = pooled[lh];
            double[] unit = p.unitWeights();
            DecayLaw law = p.fit(unit, false);
            DecayLaw free = p.fit(unit, true);
            double[][] observed = p.capturedByCluster();
            double[][] atOne = p.predictedCapturedByCluster(new DecayLaw(1, 0, true)); // the phase boundary γ = 1
            double[] g = new double[B], gf = new double[B], lf = new double[B], cs = new double[B], ex = new double[B];
            for (int r = 0; r < B; r++) {
                double[] w = replicates.weights()[r];
                DecayLaw lr = p.fit(w, false, law), fr = p.fit(w, true, free);
                g[r] = lr.converged() ? lr.gamma() : Double.NaN;
                gf[r] = fr.converged() ? fr.gamma() : Double.NaN;
                lf[r] = fr.converged() ? fr.lambda() : Double.NaN;
                cs[r] = slope(grid, p.weightedMean(observed, w), window);
                ex[r] = cs[r] - slope(grid, p.weightedMean(atOne, w), window);
            }
            gammaRep[lh] = g;
            excessRep[lh] = ex;
            double obs = slope(grid, p.weightedMean(observed, unit), window);
            double one = slope(grid, p.weightedMean(atOne, unit), window);
            Estimate gi = replicates.interval(law.converged() ? law.gamma() : Double.NaN, g);
            Estimate ei = replicates.interval(obs - one, ex);
            heads[lh] = new Head(lh / H, lh % H, p.profiles(), gi,
                    replicates.interval(free.converged() ? free.gamma() : Double.NaN, gf),
                    replicates.interval(free.converged() ? free.lambda() : Double.NaN, lf), p.r2(law),
                    p.meanProfileSlope().gamma(), replicates.interval(obs, cs), one,
                    slope(grid, p.predictedCapturedMass(law, unit), window), ei, Phase.ofGamma(gi), Phase.ofExcess(ei));
        });
        double[] point = new double[L * H], excess = new double[L * H];
        for (int lh = 0; lh < L * H; lh++) {
            point[lh] = heads[lh].gamma().value();
            excess[lh] = heads[lh].excess().value();
        }
        double[] shareRep = new double[B], medianRep = new double[B], agreeRep = new double[B];
        for (int r = 0; r < B; r++) {
            double[] gr = new double[L * H], er = new double[L * H];
            for (int lh = 0; lh < L * H; lh++) {
                gr[lh] = gammaRep[lh][r];
                er[lh] = excessRep[lh][r];
            }
            shareRep[r] = share(gr, nearOneLow);
            medianRep[r] = median(gr);
            agreeRep[r] = agreement(gr, er);
        }
        return new Result(documents.size(), window.length > 0 ? grid[window[0]] : 0,
                window.length > 0 ? grid[window[window.length - 1]] : 0, List.of(heads), nearOneLow,
                replicates.interval(share(point, nearOneLow), shareRep), replicates.interval(median(point), medianRep),
                replicates.interval(agreement(point, excess), agreeRep), gammaRep);
    }

    /** Share of the values in [low, 1). */
    static double share(double[] gamma, double low) {
        int n = 0;
        for (double g : gamma) if (g >= low && g < 1) n++;
        return (double) n / gamma.length;
    }

    /** Share of the heads with both readings finite on which γ &lt; 1 exactly when the excess slope is &gt; 0. */
    static double agreement(double[] gamma, double[] excess) {
        int n = 0, agree = 0;
        for (int i = 0; i < gamma.length; i++) {
            if (!Double.isFinite(gamma[i]) || !Double.isFinite(excess[i])) continue;
            n++;
            if ((gamma[i] < 1) == (excess[i] > 0)) agree++;
        }
        return n == 0 ? Double.NaN : (double) agree / n;
    }

    private static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
        if (s.length == 0) return Double.NaN;
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    /** Least-squares slope of ln M on ln N over the grid points {@code idx} (NaN with fewer than two). */
    private static double slope(int[] grid, double[] m, int[] idx) {
        if (idx.length < 2) return Double.NaN;
        double[] y = new double[grid.length];
        for (int i : idx) y[i] = Math.log(m[i]);
        return Compressibility.slope(grid, y, idx);
    }
}
