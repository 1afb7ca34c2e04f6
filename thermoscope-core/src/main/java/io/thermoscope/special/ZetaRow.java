package io.thermoscope.special;

import org.hipparchus.special.Gamma;

/**
 * The row ζ(s), ζ(s−1), ζ(s−2), … for one s, filled lazily by recurrences (no special-function call per entry):
 * Euler–Maclaurin with the power table n^−x updated by one multiplication per n and step, and for x = s − k &lt; 0
 * the functional equation ζ(x) = 2 (2π)^(x−1) sin(πx/2) Γ(1−x) ζ(1−x) with Γ(1−x) and (2π)^(x−1) by recurrence.
 * Mutable and thread-confined: {@link Polylogarithm} keeps a small cache of them per thread, keyed by s.
 */
final class ZetaRow {
    /** Largest index held. */
    static final int CAPACITY = 96;
    /** Euler–Maclaurin: n = 1 … N−1 summed directly, q = N. */
    private static final int N = 10;
    private static final double[] INV_N = new double[N + 1];
    private static final double LN2 = Math.log(2), LN3 = Math.log(3), LN5 = Math.log(5), LN7 = Math.log(7);

    static {
        for (int n = 1; n <= N; n++) INV_N[n] = 1.0 / n;
    }

    double s = Double.NaN;
    /** ζ(s − k) for k &lt; filled (0 at the pole s − k = 1, which callers skip). */
    final double[] zeta = new double[CAPACITY];
    int filled;
    /** Γ(1 − s), computed on first use (NaN until then). */
    double gammaOneMinusS;

    private final double[] pw = new double[N + 1]; // n^−x (downward phase) or n^−σ, σ = 1 − x (upward phase)
    private int firstNegative; // first k with s − k < 0
    private double g, sin, cos, gammaK0; // upward phase: 2 (2π)^(x−1) Γ(1−x), sin(πx/2), cos(πx/2)

    /** Prepares the row for s (cheap; entries are computed on demand). */
    void reset(double s) {
        this.s = s;
        filled = 0;
        gammaOneMinusS = Double.NaN;
        gammaK0 = Double.NaN;
        firstNegative = s >= 0 ? (int) Math.floor(s) + 1 : 0;
        // n^−s from the primes 2, 3, 5, 7 (the table is completely multiplicative)
        double p2 = Math.exp(-s * LN2), p3 = Math.exp(-s * LN3), p5 = Math.exp(-s * LN5), p7 = Math.exp(-s * LN7);
        pw[1] = 1;
        pw[2] = p2;
        pw[3] = p3;
        pw[4] = p2 * p2;
        pw[5] = p5;
        pw[6] = p2 * p3;
        pw[7] = p7;
        pw[8] = p2 * p2 * p2;
        pw[9] = p3 * p3;
        pw[10] = p2 * p5;
    }

    /** ζ(s − k), filling the row up to k. */
    double get(int k) {
        while (filled <= k) fillNext();
        return zeta[k];
    }

    /** Γ(1 − s) (cached; from the row's Γ(1 − s + k0) by Γ(1−s) = Γ(1−s+k0) / Π_{i&lt;k0} (1 − s + i)). */
    double gammaOneMinusS() {
        if (Double.isNaN(gammaOneMinusS)) {
            double g = gammaK0();
            for (int i = 0; i < firstNegative; i++) g /= 1 - s + i;
            gammaOneMinusS = g;
        }
        return gammaOneMinusS;
    }

    /** Γ(1 − s + k0), k0 = first k with s − k &lt; 0 (argument in (1, 2] for s ≥ 0), cached. */
    private double gammaK0() {
        if (Double.isNaN(gammaK0)) gammaK0 = Gamma.gamma(1 - (s - firstNegative));
        return gammaK0;
    }

    private void fillNext() {
        int k = filled;
        double x = s - k;
        if (k < firstNegative) {
            zeta[k] = x == 1 ? 0 : downward(x);
            // n^−(x−1) = n^−x · n
            for (int n = 2; n <= N; n++) pw[n] *= n;
        } else {
            if (k == firstNegative) startUpward(x);
            zeta[k] = g * sin * upward(x); // ζ(x) = 2 (2π)^(x−1) Γ(1−x) sin(πx/2) ζ(1−x)  (functional equation)
            // x → x − 1: Γ(2−x) = (1−x) Γ(1−x), (2π)^(x−2) = (2π)^(x−1)/(2π); sin(θ − π/2) = −cos θ, cos(θ − π/2) = sin θ
            g *= (1 - x) / RiemannZeta.TWO_PI;
            double c = cos;
            cos = sin;
            sin = -c;
            for (int n = 2; n <= N; n++) pw[n] *= INV_N[n];
        }
        filled = k + 1;
    }

    /** ζ(x), x ≥ 0, x ≠ 1, from the current table pw[n] = n^−x. */
    private double downward(double x) {
        double e = x - 1;
        if (Math.abs(e) < RiemannZeta.LAURENT_RADIUS) return 1 / e + RiemannZeta.laurentRegular(e);
        return eulerMaclaurin(x);
    }

    private void startUpward(double x) {
        // table n^−x → n^−σ with σ = 1 − x: n^−σ = 1/(n · n^−x)
        for (int n = 2; n <= N; n++) pw[n] = INV_N[n] / pw[n];
        double t = 1 - x;
        g = 2 * Math.pow(RiemannZeta.TWO_PI, x - 1) * gammaK0();
        sin = RiemannZeta.sinHalfPi(x);
        cos = RiemannZeta.cosHalfPi(x);
    }

    /** ζ(σ) for σ = 1 − x ≥ 1 from the table pw[n] = n^−σ; σ − 1 = −x exactly. */
    private double upward(double x) {
        double e = -x;
        if (e < RiemannZeta.LAURENT_RADIUS) return e == 0 ? 0 : 1 / e + RiemannZeta.laurentRegular(e);
        double sigma = 1 - x;
        if (sigma > 57) return 1 + pw[2];
        if (sigma > 17.5) { // Σ_{n≥10} n^−σ < 10^−σ (σ−1)^−1 · 10 ≤ 1e-17
            double sum = 0;
            for (int n = N - 1; n >= 1; n--) sum += pw[n];
            return sum + N * pw[N] / (sigma - 1) + 0.5 * pw[N];
        }
        return eulerMaclaurin(sigma);
    }

    /**
     * Σ_{n&lt;N} n^−x + N^(1−x)/(x−1) + N^−x/2 + Σ_j B_2j/(2j)! (x)_{2j−1} N^(−x−2j+1) from the table pw[n] = n^−x
     * (Euler–Maclaurin, as {@link RiemannZeta#eulerMaclaurin}).
     */
    private double eulerMaclaurin(double x) {
        double sum = 0;
        for (int n = N - 1; n >= 1; n--) sum += pw[n];
        double qs = pw[N];
        double tail = N * qs / (x - 1) + 0.5 * qs;
        double t = x * qs * INV_N[N];
        double q2 = INV_N[N] * INV_N[N];
        double bern = 0, total = sum + tail;
        double[] b = RiemannZeta.BERNOULLI_OVER_FACTORIAL;
        for (int j = 0; j < b.length; j++) {
            double term = b[j] * t;
            bern += term;
            if (Math.abs(term) < 1e-18 * Math.abs(total)) break;
            t *= (x + 2 * j + 1) * (x + 2 * j + 2) * q2;
        }
        return total + bern;
    }
}
