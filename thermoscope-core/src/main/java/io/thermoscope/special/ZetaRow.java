package io.thermoscope.special;

/**
 * The row ζ(s), ζ(s−1), ζ(s−2), … for one s, filled lazily by recurrences (no special-function call per entry):
 * ζ(x) = 1/(x−1) + g(x) from the Chebyshev table of {@link RiemannZeta#regular} for x ≥ 0, and for x = s − k &lt; 0
 * the functional equation ζ(x) = 2 (2π)^(x−1) sin(πx/2) Γ(1−x) ζ(1−x) with Γ(1−x) and (2π)^(x−1) by recurrence.
 * Mutable and thread-confined: {@link Polylogarithm} keeps a small cache of them per thread, keyed by s.
 */
final class ZetaRow {
    private static final double INV_TWO_PI = 1 / RiemannZeta.TWO_PI;
    /** Largest index held. */
    static final int CAPACITY = 96;

    double s = Double.NaN;
    /** ζ(s − k) for k &lt; filled (0 at the pole s − k = 1, which callers skip). */
    final double[] zeta = new double[CAPACITY];
    int filled;
    /** Γ(1 − s), computed on first use (NaN until then). */
    double gammaOneMinusS;

    private int firstNegative; // first k with s − k < 0
    private double g, sin, cos, gammaK0; // upward phase: 2 (2π)^(x−1) Γ(1−x), sin(πx/2), cos(πx/2)

    /** Prepares the row for s (cheap; entries are computed on demand). */
    void reset(double s) {
        this.s = s;
        filled = 0;
        gammaOneMinusS = Double.NaN;
        gammaK0 = Double.NaN;
        firstNegative = s >= 0 ? (int) Math.floor(s) + 1 : 0;
    }

    /** ζ(s − k), filling the row up to k. */
    double get(int k) {
        while (filled <= k) fillNext();
        return zeta[k];
    }

    /** Γ(1 − s) (cached; from the row's Γ(1 − s + k0) by Γ(1−s) = Γ(1−s+k0) / Π_{i&lt;k0} (1 − s + i)). */
    double gammaOneMinusS() {
        if (Double.isNaN(gammaOneMinusS)) {
            double prod = 1;
            for (int i = 0; i < firstNegative; i++) prod *= 1 - s + i;
            gammaOneMinusS = gammaK0() / prod;
        }
        return gammaOneMinusS;
    }

    /** Γ(1 − s + k0), k0 = first k with s − k &lt; 0 (argument in (1, 2] for s ≥ 0), cached. */
    private double gammaK0() {
        if (Double.isNaN(gammaK0)) gammaK0 = GammaTable.gamma(1 - (s - firstNegative));
        return gammaK0;
    }

    private void fillNext() {
        int k = filled;
        double x = s - k;
        if (k < firstNegative) {
            zeta[k] = x == 1 ? 0 : downward(x);
        } else {
            if (k == firstNegative) startUpward(x);
            zeta[k] = g * sin * upward(x); // ζ(x) = 2 (2π)^(x−1) Γ(1−x) sin(πx/2) ζ(1−x)  (functional equation)
            // x → x − 1: Γ(2−x) = (1−x) Γ(1−x), (2π)^(x−2) = (2π)^(x−1)/(2π); sin(θ − π/2) = −cos θ, cos(θ − π/2) = sin θ
            g *= (1 - x) * INV_TWO_PI;
            double c = cos;
            cos = sin;
            sin = -c;
        }
        filled = k + 1;
    }

    /** ζ(x), x ≥ 0, x ≠ 1. */
    private static double downward(double x) {
        return x > 0 && x < RiemannZeta.TABLE_END ? 1 / (x - 1) + RiemannZeta.regular(x) : RiemannZeta.unchecked(x);
    }

    private void startUpward(double x) {
        double t = 1 - x;
        g = 2 * Math.pow(RiemannZeta.TWO_PI, x - 1) * gammaK0();
        sin = RiemannZeta.sinHalfPi(x);
        cos = RiemannZeta.cosHalfPi(x);
    }

    /** ζ(σ) for σ = 1 − x ≥ 1; σ − 1 = −x exactly (0 at σ = 1, where the sine factor vanishes instead). */
    private static double upward(double x) {
        if (x == 0) return 0;
        double sigma = 1 - x;
        if (sigma < RiemannZeta.TABLE_END) return -1 / x + RiemannZeta.regular(sigma);
        return 1 + Math.exp(-sigma * 0.6931471805599453);
    }
}
