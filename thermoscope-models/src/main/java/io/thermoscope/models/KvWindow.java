package io.thermoscope.models;

import io.thermoscope.InvalidInputException;

/**
 * The KV-cache window of a causal head against context length (polylog chapter §22.6: γ = 1 is where a finite window
 * stops capturing the mass): for the query at position V − 1, which sees the V keys 0 … V − 1 of one pass, the
 * smallest window W such that the keys at distance d &lt; W (d = 0 is the query's own key) carry at least a share
 * {@code mass} of its attention. A head whose window saturates as V grows can be served by a bounded cache.
 */
public final class KvWindow {
    private KvWindow() {
    }

    /**
     * W for every layer and head and every context length of {@code contexts} (each ≤ the pass's tokens): [layer·heads
     * + head][context index].
     */
    public static int[][] of(Forward f, int[] contexts, double mass) {
        if (!(mass > 0 && mass <= 1)) throw new InvalidInputException("captured mass must lie in (0, 1], got " + mass);
        int n = f.tokens(), heads = f.heads();
        int[][] out = new int[f.layers() * heads][contexts.length];
        for (int c = 0; c < contexts.length; c++) {
            int v = contexts[c];
            if (v < 1 || v > n) throw new InvalidInputException("context " + v + " is outside 1 … " + n);
            int q = v - 1;
            for (int l = 0; l < f.layers(); l++) {
                for (int h = 0; h < heads; h++) {
                    double total = 0;
                    for (int j = 0; j <= q; j++) total += f.prob(l, h, q, j);
                    double acc = 0;
                    int w = 0;
                    while (w <= q && acc < mass * total) acc += f.prob(l, h, q, q - w++); // keys at distance d = w
                    out[l * heads + h][c] = Math.max(w, 1);
                }
            }
        }
        return out;
    }

    /**
     * The least-squares slope b of ln W against ln V over the grid (W ∝ V^b): 1 when the window keeps pace with the
     * context (no compression), 0 when it saturates; NaN with fewer than two contexts.
     */
    public static double growthExponent(int[] contexts, double[] meanWindow) {
        int m = contexts.length;
        if (m < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < m; i++) {
            mx += Math.log(contexts[i]) / m;
            my += Math.log(meanWindow[i]) / m;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < m; i++) {
            double dx = Math.log(contexts[i]) - mx;
            sxy += dx * (Math.log(meanWindow[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
