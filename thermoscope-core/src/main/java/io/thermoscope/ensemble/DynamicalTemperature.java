package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

/**
 * The dynamical temperature of a head from its projection weights (Kim 2026, Eq. 27):
 * T_eff = √d_k / (‖W_Q‖·‖W_K‖), the proportionality constant taken as 1. The energy q·k = x W_Q W_Kᵀ x'
 * scales with the product of the two norms, which is the paper's ‖W‖² when W_Q and W_K share a scale.
 *
 * @param dk            key dimension
 * @param normQ         Frobenius norm of W_Q
 * @param normK         Frobenius norm of W_K
 * @param spectralQ     spectral norm (largest singular value) of W_Q
 * @param spectralK     spectral norm of W_K
 * @param teffFrobenius √d_k / (‖W_Q‖_F ‖W_K‖_F) — the reported T_eff
 * @param teffSpectral  √d_k / (‖W_Q‖_2 ‖W_K‖_2) — the same with spectral norms
 * @param nEffQK        participation ratio of the singular values of W_Q W_Kᵀ (Eq. 25's N_eff for the head)
 */
public record DynamicalTemperature(int dk, double normQ, double normK, double spectralQ, double spectralK,
                                   double teffFrobenius, double teffSpectral, double nEffQK) {

    /** Computes T_eff from W_Q and W_K, both shaped [d_model × d_k]. */
    public static DynamicalTemperature of(double[][] wq, double[][] wk) {
        if (wq.length != wk.length || wq[0].length != wk[0].length) {
            throw new InvalidInputException("W_Q is " + wq.length + "×" + wq[0].length + " but W_K is "
                    + wk.length + "×" + wk[0].length + "; both must be [d_model × d_k]");
        }
        int dk = wq[0].length;
        double fq = EffectiveRank.frobeniusNorm(wq), fk = EffectiveRank.frobeniusNorm(wk);
        double sq = EffectiveRank.singularValues(wq)[0], sk = EffectiveRank.singularValues(wk)[0];
        double[][] qk = new double[wq.length][wq.length]; // W_Q W_Kᵀ: [d_model × d_model]
        for (int i = 0; i < wq.length; i++) {
            for (int j = 0; j < wk.length; j++) {
                double s = 0;
                for (int c = 0; c < dk; c++) s += wq[i][c] * wk[j][c];
                qk[i][j] = s;
            }
        }
        double nEff = EffectiveRank.participationRatio(EffectiveRank.singularValues(qk));
        double root = Math.sqrt(dk);
        return new DynamicalTemperature(dk, fq, fk, sq, sk, root / (fq * fk), root / (sq * sk), nEff); // Eq. 27
    }
}
