package io.thermoscope.ensemble;

/**
 * The Fisher information of the inverse temperature β = 1/T for the canonical family p_i(β) = e^{−βE_i}/Z(β),
 * computed from its definitions by finite differences — independently of the identity I(β) = Var(E) that
 * {@link EnsembleStatistics#fisherBeta()} relies on:
 * <ul>
 *   <li>by the score: I(β) = Σ p_i (∂_β ln p_i)², with ∂_β ln p_i a central difference of the vector ln p(β ± h)
 *       (each ln p from its own log-sum-exp), Richardson-extrapolated (error O(h⁴));</li>
 *   <li>by the curvature: I(β) = −E[∂²_β ln p] = ∂²_β ln Z, a central second difference of ln Z, Richardson-extrapolated.</li>
 * </ul>
 * Since C_V = Var(E)/T² (Eq. 28), C_V = β² I(β) = I_{ln β}: the chapter's "Fisher = C_V" holds for the Fisher
 * information of ln β (or ln T) at every T, and for that of β only at T = 1.
 */
public final class FisherInformation {
    /** Score step h·(E_max − E_min): small, because the first difference loses only ε|ln p|/h to round-off. */
    static final double SCORE_STEP = 1e-3;
    /** Curvature step h·(E_max − E_min): larger, because the second difference loses ε|ln Z|/h². */
    static final double CURVATURE_STEP = 0.05;

    private FisherInformation() {
    }

    /**
     * The Fisher information of one ensemble, by the two finite-difference routes, next to Var(E) and C_V.
     *
     * @param temperature T
     * @param beta        β = 1/T
     * @param byScore     Σ p_i (∂_β ln p_i)² with the score by finite differences of ln p
     * @param byCurvature ∂²_β ln Z by finite differences of ln Z
     * @param varE        Var(E) (two-pass, {@link BoltzmannEnsemble})
     * @param cv          C_V = Var(E)/T² (Eq. 28)
     */
    public record Result(double temperature, double beta, double byScore, double byCurvature, double varE, double cv) {
        /** I_{ln β} = β² I(β) (by the score route): the Fisher information of ln β, which equals C_V at every T. */
        public double logBeta() {
            return beta * beta * byScore; // I_{ln β} = (dβ/d ln β)² I(β) = β² I(β)
        }

        /** The larger relative deviation of the two routes from Var(E) (absolute when Var(E) &lt; 1e-300). */
        public double residual() {
            double scale = Math.max(varE, 1e-300);
            return Math.max(Math.abs(byScore - varE), Math.abs(byCurvature - varE)) / scale;
        }
    }

    /** The Fisher information of β for energies {@code energies} at temperature {@code T}. */
    public static Result of(double[] energies, double T) {
        EnsembleStatistics st = BoltzmannEnsemble.of(energies, T); // validates
        double beta = 1 / T;
        double range = 0;
        for (double e : energies) range = Math.max(range, e - st.eMin());
        if (range == 0) return new Result(T, beta, 0, 0, st.varE(), st.Cv()); // one level: p does not depend on β
        // steps in β scaled to the energy range (β·E is what matters), and below β/2 so that β − h stays positive
        double h = Math.min(SCORE_STEP / range, beta / 2), k = Math.min(CURVATURE_STEP / range, beta / 2);
        double[] p = BoltzmannEnsemble.probabilities(energies, T);
        double[] s1 = score(energies, beta, h), s2 = score(energies, beta, h / 2);
        double byScore = 0;
        for (int i = 0; i < p.length; i++) {
            double s = (4 * s2[i] - s1[i]) / 3; // Richardson: the O(h²) error of the central difference cancels
            byScore += p[i] * s * s;           // I(β) = E[(∂_β ln p)²]
        }
        double c1 = curvature(energies, beta, k), c2 = curvature(energies, beta, k / 2);
        double byCurvature = (4 * c2 - c1) / 3; // I(β) = ∂²_β ln Z, Richardson-extrapolated
        return new Result(T, beta, byScore, byCurvature, st.varE(), st.Cv());
    }

    /** ∂_β ln p_i ≈ [ln p_i(β + h) − ln p_i(β − h)]/(2h), each ln p from its own ensemble. */
    private static double[] score(double[] e, double beta, double h) {
        double[] up = logProbabilities(e, beta + h), down = logProbabilities(e, beta - h);
        double[] s = new double[e.length];
        for (int i = 0; i < e.length; i++) s[i] = (up[i] - down[i]) / (2 * h);
        return s;
    }

    /** ln p_i(β) = −βE_i − ln Z(β) (Eqs. 20–23), ln Z by log-sum-exp. */
    private static double[] logProbabilities(double[] e, double beta) {
        double logZ = BoltzmannEnsemble.of(e, 1 / beta).logZ();
        double[] lp = new double[e.length];
        for (int i = 0; i < e.length; i++) lp[i] = -beta * e[i] - logZ;
        return lp;
    }

    /** ∂²_β ln Z ≈ [ln Z(β + k) − 2 ln Z(β) + ln Z(β − k)]/k². */
    private static double curvature(double[] e, double beta, double k) {
        double up = BoltzmannEnsemble.of(e, 1 / (beta + k)).logZ(), mid = BoltzmannEnsemble.of(e, 1 / beta).logZ();
        double down = BoltzmannEnsemble.of(e, 1 / (beta - k)).logZ();
        return (up - 2 * mid + down) / (k * k);
    }
}
