package io.thermoscope.attention;

import io.thermoscope.InvalidInputException;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * How the partition function of a fixed set of queries grows as the context V_ctx admits more keys (the volume of
 * the first law, Kim 2026, Eqs. 25–26), measured on one forward pass per document:
 * <ul>
 *   <li><b>bidirectional encoder</b>: the queries at positions {@code firstQuery … minContext − trailingKeys − 1}
 *   (inside the smallest context) keep their states from the one pass over the whole document, and the key set
 *   grows: K(V) = the first V − t keys plus the t trailing special keys ([SEP]) that close every input. Then
 *   ln Z(V) = ln Σ_{j∈K(V)} e^{s_j} = ln Z + ln Σ_{j∈K(V)} p_j: the same queries, the same energies, only the volume
 *   changes — P = −(∂F/∂V)_{T,N} literally. (An attention mask that hides keys ≥ V would instead recompute every
 *   query's state in every layer after the first — the same as re-encoding the prefix — so the query population
 *   would change with V.)</li>
 *   <li><b>causal decoder</b> (detected, {@link Masking}): the query at position V − 1 sees exactly the keys 0 … V − 1,
 *   so its own ln Z is ln Z(V); one pass gives every V.</li>
 * </ul>
 * ln Z is also recorded over the text keys alone (the leading {@code firstQuery} and trailing special keys left
 * out) — the distance ensemble's Z, whose growth the chapter predicts (PV/T → 1 − γ for γ &lt; 1).
 *
 * <p>V runs on a log grid minContext·2^(k/pointsPerOctave) (rounded, distinct) up to the pass length.
 *
 * @param minContext      smallest context V (keys), ≥ 4
 * @param pointsPerOctave grid points per doubling of V, ≥ 1
 * @param firstQuery      leading special tokens ([CLS]: 1), never queries nor text keys
 * @param trailingKeys    trailing special tokens ([SEP]: 1) present in every context of an encoder
 */
public record ContextGrowth(int minContext, int pointsPerOctave, int firstQuery, int trailingKeys)
        implements java.io.Serializable {

    /** Validates the options. */
    public ContextGrowth {
        if (pointsPerOctave < 1) throw new InvalidInputException("points per octave must be >= 1, got " + pointsPerOctave);
        if (firstQuery < 0 || trailingKeys < 0) throw new InvalidInputException("special-token counts must be >= 0");
        if (minContext < firstQuery + trailingKeys + 2 || minContext < 4) {
            throw new InvalidInputException("the smallest context must hold a query and a text key besides the "
                    + "special tokens and be >= 4, got " + minContext);
        }
    }

    /** Encoders with [CLS] … [SEP]: V from 16, 4 points per octave. */
    public static ContextGrowth encoderDefaults() {
        return new ContextGrowth(16, 4, 1, 1);
    }

    /** The grid of context lengths up to {@code n} keys (empty when n &lt; minContext). */
    public int[] grid(int n) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int k = 0; ; k++) {
            long v = Math.round(minContext * Math.pow(2, (double) k / pointsPerOctave));
            if (v > n) break;
            s.add((int) v);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * ln Z(V) of one pass for every layer, head and grid point, averaged over the query set (bidirectional) or
     * taken from the query at V − 1 (causal).
     */
    public Curve measure(AttentionPass pass, Masking masking) {
        int n = pass.tokens(), L = pass.layers(), H = pass.heads();
        int[] grid = grid(n);
        if (grid.length < 2) {
            throw new InvalidInputException("a pass of " + n + " tokens is shorter than two context lengths from " + minContext);
        }
        double[][][] lnZ = new double[L][H][grid.length], lnZText = new double[L][H][grid.length];
        float[] s = new float[n], p = new float[n];
        double[] cum = new double[n + 1];
        RowStatistics row = new RowStatistics();
        int queries = minContext - trailingKeys - firstQuery;
        for (int l = 0; l < L; l++) {
            for (int h = 0; h < H; h++) {
                if (masking == Masking.CAUSAL) {
                    for (int g = 0; g < grid.length; g++) {
                        int q = grid[g] - 1;
                        read(pass, l, h, q, s, p, cum, row, q + 1);
                        lnZ[l][h][g] = row.logZ();
                        lnZText[l][h][g] = logZ(row, s, p, cum, firstQuery, q + 1, 0, 0);
                    }
                } else {
                    for (int q = firstQuery; q < firstQuery + queries; q++) {
                        read(pass, l, h, q, s, p, cum, row, n);
                        for (int g = 0; g < grid.length; g++) {
                            int textEnd = grid[g] - trailingKeys;
                            lnZ[l][h][g] += logZ(row, s, p, cum, 0, textEnd, n - trailingKeys, n) / queries;
                            lnZText[l][h][g] += logZ(row, s, p, cum, firstQuery, textEnd, 0, 0) / queries;
                        }
                    }
                }
            }
        }
        return new Curve(grid, lnZ, lnZText);
    }

    /** Reads one row, its statistics over keys [0, end) and the prefix sums cum[j] = Σ_{k &lt; j} p_k. */
    private static void read(AttentionPass pass, int l, int h, int q, float[] s, float[] p, double[] cum,
                             RowStatistics row, int end) {
        pass.scores(l, h, q, s);
        pass.probabilities(l, h, q, p);
        row.compute(s, p, end);
        for (int j = 0; j < end; j++) cum[j + 1] = cum[j] + p[j];
    }

    /**
     * ln Σ_{j ∈ [a, b) ∪ [c, d)} e^{s_j} = ln Z + ln Σ p_j over those keys (Eq. 23 over the admitted keys); by
     * log-sum-exp over the scores when their probabilities underflow.
     */
    private static double logZ(RowStatistics row, float[] s, float[] p, double[] cum, int a, int b, int c, int d) {
        double mass = cum[b] - cum[a] + cum[d] - cum[c];
        if (mass > 1e-30) return row.logZ() + Math.log(mass);
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (int j = a; j < b; j++) max = Math.max(max, s[j]);
        for (int j = c; j < d; j++) max = Math.max(max, s[j]);
        for (int j = a; j < b; j++) z += Math.exp(s[j] - max);
        for (int j = c; j < d; j++) z += Math.exp(s[j] - max);
        return max + Math.log(z); // log-sum-exp (Eq. 23)
    }

    /**
     * ln Z against V of one document.
     *
     * @param grid    context lengths V
     * @param lnZ     [layer][head][grid] ln Z(V) over all admitted keys
     * @param lnZText [layer][head][grid] ln Z(V) over the admitted text keys only
     */
    public record Curve(int[] grid, double[][][] lnZ, double[][][] lnZText) implements java.io.Serializable {
        /** The curve's grid index of context length V, or −1. */
        public int index(int V) {
            int i = Arrays.binarySearch(grid, V);
            return i >= 0 ? i : -1;
        }
    }
}
