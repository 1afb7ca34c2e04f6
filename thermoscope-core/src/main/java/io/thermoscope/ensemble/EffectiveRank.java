package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * N_eff of a weight matrix (Kim 2026, Eq. 25): the effective number of active feature modes, from its singular
 * values σ_i. Two standard definitions are offered; the paper's is the participation ratio of the eigenvalues
 * λ_i = σ_i² of WᵀW.
 */
public final class EffectiveRank {
    private EffectiveRank() {
    }

    /** Singular values of {@code w} in decreasing order. */
    public static double[] singularValues(double[][] w) {
        if (w.length == 0 || w[0].length == 0) throw new InvalidInputException("weight matrix is empty");
        for (double[] row : w) InvalidInputException.requireAllFinite("weight matrix", row);
        return new SingularValueDecomposition(MatrixUtils.createRealMatrix(w)).getSingularValues();
    }

    /** Participation ratio (Σ λ_i)² / Σ λ_i² of λ_i = σ_i² (Eq. 25's N_eff); 0 for the zero matrix. */
    public static double participationRatio(double[] singularValues) {
        double s2 = 0, s4 = 0;
        for (double s : singularValues) {
            double l = s * s;
            s2 += l;
            s4 += l * l;
        }
        return s4 == 0 ? 0 : s2 * s2 / s4;
    }

    /** Entropy effective rank exp(−Σ p_i ln p_i) with p_i = σ_i/Σσ (Roy &amp; Vetterli 2007). */
    public static double entropyRank(double[] singularValues) {
        double sum = 0;
        for (double s : singularValues) sum += s;
        if (sum == 0) return 0;
        double h = 0;
        for (double s : singularValues) {
            double p = s / sum;
            if (p > 0) h -= p * Math.log(p);
        }
        return Math.exp(h);
    }

    /** Frobenius norm sqrt(Σ w_ij²), computed with scaling to avoid overflow. */
    public static double frobeniusNorm(double[][] w) {
        double scale = 0, ssq = 1;
        for (double[] row : w) {
            for (double x : row) {
                if (x != 0) {
                    double ax = Math.abs(x);
                    if (scale < ax) {
                        ssq = 1 + ssq * (scale / ax) * (scale / ax);
                        scale = ax;
                    } else {
                        ssq += (ax / scale) * (ax / scale);
                    }
                }
            }
        }
        return scale * Math.sqrt(ssq);
    }
}
