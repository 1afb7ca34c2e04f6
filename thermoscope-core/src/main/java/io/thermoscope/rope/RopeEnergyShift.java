package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.BoltzmannEnsemble;

/**
 * Eq. 36 on attention energies: does encoding position with RoPE cost energy? For one head's queries q_m and keys k_n
 * (before rotation) at their positions, the attention energies without and with RoPE are E_mn = −q_m·k_n and
 * E'_mn = −(R_{pos m} q_m)·(R_{pos n} k_n) (Eqs. 7, 33), and the measurement reports how much the landscape moves:
 * the relative change ‖E' − E‖/‖E‖ over the attended pairs, the mean shift, and per query the change of the free
 * energy F = −T ln Σ_n e^{−E_mn/T} at T = √d (Eq. 24). Eq. 36 says the change is zero; it is zero for a global phase
 * (every position rotated alike: {@link RopeCheck}), not for position-dependent rotations, where
 * E'_mn − E_mn = −q_m·(R_{n−m} − 1)k_n.
 *
 * <p>Takes plain arrays, so the same measurement runs on synthetic heads and on the pre-rotation q, k of a real
 * RoPE model.
 */
public final class RopeEnergyShift {
    private RopeEnergyShift() {
    }

    /**
     * The energy change of one head.
     *
     * @param pairs             attended (query, key) pairs
     * @param relativeChange    ‖E' − E‖_F/‖E‖_F over the pairs: 0 when RoPE costs no energy
     * @param meanShift         mean of E' − E over the pairs
     * @param rmsEnergy         root mean square of E over the pairs (the scale of the landscape)
     * @param meanFreeEnergyShift mean over queries of |F' − F|/T at T = √d
     * @param byDistance        RMS of E' − E over the pairs at token distance |m − n| = 0, 1, …, divided by the RMS of E
     *                          over all pairs (NaN where no pair has that distance)
     */
    public record Result(int pairs, double relativeChange, double meanShift, double rmsEnergy, double meanFreeEnergyShift,
                         double[] byDistance) {
    }

    /**
     * Measures one head: queries {@code q[m]} at {@code positions[m]}, keys {@code k[n]} at {@code positions[n]}
     * (same tokens), each query attending to keys n ≤ m when {@code causal}, to all keys otherwise.
     */
    public static Result measure(double[][] q, double[][] k, double[] positions, RotaryEmbedding rope, boolean causal) {
        int n = q.length, d = rope.dimension();
        if (n < 1 || k.length != n || positions.length != n) {
            throw new InvalidInputException("need as many queries, keys and positions (got " + q.length + ", " + k.length + ", "
                    + positions.length + ")");
        }
        InvalidInputException.requireAllFinite("positions", positions);
        double[][] rq = new double[n][], rk = new double[n][];
        for (int t = 0; t < n; t++) {
            InvalidInputException.requireAllFinite("query " + t, q[t]);
            InvalidInputException.requireAllFinite("key " + t, k[t]);
            rq[t] = rope.rotate(q[t], positions[t]); // R_m q (Eq. 33)
            rk[t] = rope.rotate(k[t], positions[t]);
        }
        double[][] e = new double[n][], er = new double[n][];
        for (int m = 0; m < n; m++) {
            int keys = causal ? m + 1 : n;
            e[m] = new double[keys];
            er[m] = new double[keys];
            for (int j = 0; j < keys; j++) {
                e[m][j] = -RotaryEmbedding.dot(q[m], k[j]);    // E = −q·k (Eq. 7)
                er[m][j] = -RotaryEmbedding.dot(rq[m], rk[j]); // E' = −(R_m q)·(R_n k) (Eqs. 7, 33)
            }
        }
        return compare(e, er, Math.sqrt(d)); // T = √d_k (Eq. 9)
    }

    /**
     * The same measurement from energies already computed — for a model whose rotation convention or base is not
     * known: {@code plain[m][j]} = E_mj without position encoding and {@code rotated[m][j]} = E'_mj with it, for query
     * m and the keys j = 0 … (row length − 1) it attends to, at temperature {@code temperature}.
     */
    public static Result compare(double[][] plain, double[][] rotated, double temperature) {
        int n = plain.length;
        if (n < 1 || rotated.length != n) throw new InvalidInputException("need one row of energies per query, with and without RoPE");
        InvalidInputException.requirePositive("temperature", temperature);
        double diff2 = 0, energy2 = 0, shift = 0, freeShift = 0;
        int width = 0;
        for (double[] row : plain) width = Math.max(width, row.length);
        double[] diff2At = new double[Math.max(n, width)];
        int[] pairsAt = new int[diff2At.length];
        int pairs = 0;
        for (int m = 0; m < n; m++) {
            double[] e = plain[m], er = rotated[m];
            if (e.length != er.length || e.length == 0) throw new InvalidInputException("query " + m + ": rows of different lengths");
            for (int j = 0; j < e.length; j++) {
                double de = er[j] - e[j];                   // ΔE of Eq. 36 for this pair
                diff2 += de * de;
                diff2At[Math.abs(m - j)] += de * de;
                pairsAt[Math.abs(m - j)]++;
                energy2 += e[j] * e[j];
                shift += de;
                pairs++;
            }
            double f = BoltzmannEnsemble.of(e, temperature).F(), fr = BoltzmannEnsemble.of(er, temperature).F(); // F = −T ln Z (Eq. 24)
            freeShift += Math.abs(fr - f) / temperature;
        }
        double rms = Math.sqrt(energy2 / pairs);
        double[] byDistance = new double[diff2At.length];
        for (int t = 0; t < byDistance.length; t++) byDistance[t] = pairsAt[t] == 0 ? Double.NaN : Math.sqrt(diff2At[t] / pairsAt[t]) / rms;
        return new Result(pairs, Math.sqrt(diff2 / energy2), shift / pairs, rms, freeShift / n, byDistance);
    }
}
