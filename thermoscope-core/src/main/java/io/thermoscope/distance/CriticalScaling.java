package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

/**
 * The distance ensemble near γ = 1 at λ = 0 in closed form: the two-term asymptote of C_V(N) at γ = 1 and the
 * scaling function of the data collapse (Kim 2026 §VIII.C.3) — the references the exact sums of
 * {@link DistanceEnsemble} are compared with. Both were verified against 30-digit mpmath values before use
 * ({@code reference/make_critical_table.py}).
 *
 * <p>At γ = 1 the moments of ln d over d = 1 … N are S_k = Σ ln^k d/d = L^{k+1}/(k+1) + γ_k + o(1) with L = ln N and
 * γ_k the Stieltjes constants (γ_0 = γ_E), so Var(ln d) = S_2/S_0 − (S_1/S_0)² expands as
 * L²/12 + γ_E L/6 − 5γ_E²/12 − γ₁ + c₁/L + O(1/L²) with c₁ = 2γ_E³/3 + 2γ_Eγ₁ + γ₂.
 */
public final class CriticalScaling {
    /** Euler's constant γ_E = γ_0. */
    public static final double EULER_GAMMA = 0.5772156649015328606065121;
    /** The Stieltjes constant γ₁ = lim (Σ_{k≤N} ln k/k − (ln N)²/2). */
    public static final double STIELTJES_1 = -0.07281584548367672486058638;
    /** The Stieltjes constant γ₂ = lim (Σ_{k≤N} ln² k/k − (ln N)³/3). */
    public static final double STIELTJES_2 = -0.009690363192872318484530386;

    /** (2k − 1)B_{2k}/(2k)!, k = 1 … 11: the Taylor coefficients of g(x) in x^{2k−2}. */
    private static final double[] G_SERIES = {
        0.08333333333333333333333333, -0.004166666666666666666666667, 0.0001653439153439153439153439,
        -0.000005787037037037037037037037, 1.878908128908128908128908e-7, -5.81260915255624250333245e-9,
        1.739729748989008248267508e-10, -5.084520444483874300245293e-12, 1.459630549567233575903104e-13,
        -4.132250527260317558778881e-15, 1.156890593955648198192557e-16};

    private CriticalScaling() {
    }

    /** L = ln N for N ≥ 2. */
    private static double logN(long n) {
        if (n < 2) throw new InvalidInputException("N must be >= 2, got " + n);
        return Math.log((double) n);
    }

    /**
     * The two-term asymptote of C_V(N) = Var(ln d) at γ = 1, λ = 0:
     * L²/12 + γ_E L/6 − 5γ_E²/12 − γ₁ with L = ln N (Stieltjes expansion; the chapter's (ln N)²/12 is its first term).
     */
    public static double twoTermAsymptote(long n) {
        double l = logN(n);
        // Var(ln d) = L²/12 + γ_E L/6 − 5γ_E²/12 − γ₁ + O(1/L) (chapter §22, Stieltjes expansion)
        return l * l / 12 + EULER_GAMMA * l / 6 - 5 * EULER_GAMMA * EULER_GAMMA / 12 - STIELTJES_1;
    }

    /** c₁ = 2γ_E³/3 + 2γ_Eγ₁ + γ₂ ≈ 0.0345: the coefficient of the 1/L remainder of {@link #twoTermAsymptote}. */
    public static double remainderCoefficient() {
        double g = EULER_GAMMA;
        return 2 * g * g * g / 3 + 2 * g * STIELTJES_1 + STIELTJES_2; // next term c₁/L of the Stieltjes expansion
    }

    /**
     * The collapse function g(x) = 1/x² − 1/(4 sinh²(x/2)), g(0) = 1/12: the variance of t = ln d/ln N under the
     * continuum law ∝ e^{−xt} on [0, 1], to which C_V/(γ² ln² N) tends at fixed x = (γ − 1) ln N (§VIII.C.3). Even in x;
     * Taylor series Σ (2k − 1)B_{2k}x^{2k−2}/(2k)! for |x| &lt; 1 (no cancellation), closed form beyond.
     */
    public static double collapse(double x) {
        InvalidInputException.requireFinite("x", x);
        double a = Math.abs(x);
        if (a < 1) {
            double x2 = x * x, s = 0;
            for (int k = G_SERIES.length - 1; k >= 0; k--) s = s * x2 + G_SERIES[k]; // Horner in x²
            return s;
        }
        double e = Math.exp(-a), m = Math.expm1(-a);
        return 1 / (a * a) - e / (m * m); // g(x) = 1/x² − 1/(4 sinh²(x/2)), 4 sinh²(x/2) = (1 − e^{−|x|})²/e^{−|x|}
    }

    /**
     * One point of the data collapse.
     *
     * @param n        largest distance N
     * @param x        the scaling variable (γ − 1) ln N
     * @param gamma    γ = 1 + x/ln N
     * @param scaledCv C_V/(γ² ln² N) = Var(ln d)/ln² N from the exact sums of {@link DistanceEnsemble}
     * @param g        the limit g(x) ({@link #collapse})
     */
    public record CollapsePoint(long n, double x, double gamma, double scaledCv, double g) {
        /** scaledCv − g(x): the finite-N correction to the collapse. */
        public double deviation() {
            return scaledCv - g;
        }
    }

    /** The exact ensemble at N and x (λ = 0) in the collapse's coordinates. */
    public static CollapsePoint collapsePoint(long n, double x) {
        double l = logN(n);
        double gamma = 1 + x / l;
        double var = new DistanceEnsemble(gamma, 0, n).thermodynamics().varLogDistance();
        return new CollapsePoint(n, x, gamma, var / (l * l), collapse(x)); // C_V/(γ² L²) = γ² Var(ln d)/(γ² L²)
    }
}
