package io.thermoscope.models;

/**
 * One forward pass of a RoPE model (batch 1) with, per layer, the scores and the queries and keys before the rotary
 * embedding: the energies the model uses, E_mn = −score_mn·T = −(R_m q_m)·(R_n k_n) (+ mask), and the energies
 * the same heads would have without position encoding, E⁰_mn = −q_m·k_n (Eq. 7), T = √d_k (Eq. 9).
 *
 * @param ids    token ids
 * @param scores per layer, [heads][queries][keys] flat: q·kᵀ/T after RoPE, plus the mask
 * @param q      per layer, the queries before RoPE, [heads][n][d_k] flat
 * @param k      per layer, the keys before RoPE, [heads][n][d_k] flat
 * @param heads  heads per layer
 * @param dk     key dimension d_k
 */
public record RotaryPass(long[] ids, float[][] scores, float[][] q, float[][] k, int heads, int dk) {

    /** Number of tokens. */
    public int tokens() {
        return ids.length;
    }

    /** Number of layers. */
    public int layers() {
        return scores.length;
    }

    /** The model's energy E_mn = −score_mn·√d_k of query m and key n (Eqs. 7, 9; RoPE applied). */
    public double energy(int layer, int head, int m, int n) {
        int t = ids.length;
        return -scores[layer][(head * t + m) * t + n] * Math.sqrt(dk); // E = −q·k with T = √d_k
    }

    /** The energy without position encoding, E⁰_mn = −q_m·k_n (Eq. 7), in double precision. */
    public double plainEnergy(int layer, int head, int m, int n) {
        int t = ids.length;
        float[] a = q[layer], b = k[layer];
        int qa = (head * t + m) * dk, kb = (head * t + n) * dk;
        double s = 0;
        for (int i = 0; i < dk; i++) s += (double) a[qa + i] * b[kb + i];
        return -s; // E = −q·k (Eq. 7)
    }

    /**
     * One head's energy rows for {@code RopeEnergyShift.compare}: {plain, rotated}, each [query m][key j] over the keys
     * m attends to (j ≤ m when {@code causal}, every key otherwise).
     */
    public double[][][] energyRows(int layer, int head, boolean causal) {
        int n = tokens();
        double[][] plain = new double[n][], rotated = new double[n][];
        for (int m = 0; m < n; m++) {
            int keys = causal ? m + 1 : n;
            plain[m] = new double[keys];
            rotated[m] = new double[keys];
            for (int j = 0; j < keys; j++) {
                plain[m][j] = plainEnergy(layer, head, m, j);
                rotated[m][j] = energy(layer, head, m, j);
            }
        }
        return new double[][][] {plain, rotated};
    }
}
