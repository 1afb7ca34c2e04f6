package io.thermoscope.models;

/**
 * Eq. 36 on the heads of a real RoPE model: the energy change that position encoding causes, read from one
 * {@link RotaryPass} without assuming the model's rotation convention or base — the model's own energies
 * E'_mn = −(R_m q_m)·(R_n k_n) (from its scores) against the same heads' energies without position encoding,
 * E_mn = −q_m·k_n (from the exposed pre-rotation queries and keys), over the pairs a query attends to (causal: n ≤ m).
 * Eq. 36 says the change is zero; a global rotation leaves it zero, a position-dependent one does not
 * (E' − E = −q·(R_{n−m} − 1)k).
 *
 * @param pairs          attended pairs
 * @param relativeChange ‖E' − E‖/‖E‖ over the pairs (0: RoPE costs no energy)
 * @param byDistance     RMS of E' − E at token distance d = m − n, over the RMS of E (d = 0 … n − 1)
 */
public record RopeShift(int pairs, double relativeChange, double[] byDistance) {

    /** The shift of one head of a causal pass. */
    public static RopeShift of(RotaryPass p, int layer, int head) {
        int n = p.tokens();
        double diff2 = 0, e2 = 0;
        double[] at = new double[n];
        int[] count = new int[n];
        int pairs = 0;
        for (int m = 0; m < n; m++) {
            for (int k = 0; k <= m; k++) {
                double e = p.plainEnergy(layer, head, m, k), er = p.energy(layer, head, m, k); // E, E' (Eqs. 7, 33)
                double de = er - e; // ΔE of Eq. 36 for this pair
                diff2 += de * de;
                e2 += e * e;
                at[m - k] += de * de;
                count[m - k]++;
                pairs++;
            }
        }
        double rms = Math.sqrt(e2 / pairs);
        double[] byDistance = new double[n];
        for (int d = 0; d < n; d++) byDistance[d] = Math.sqrt(at[d] / count[d]) / rms;
        return new RopeShift(pairs, Math.sqrt(diff2 / e2), byDistance);
    }
}
