package io.thermoscope.special;

import org.hipparchus.special.Gamma;

/** Fast Γ(t) for 1 ≤ t ≤ 5: Chebyshev table on [1, 2] (built from Hipparchus) and Γ(t+1) = t Γ(t). */
final class GammaTable {
    private GammaTable() {
    }

    private static final int PIECES = 8, CHEB = 14;
    private static final double[] TABLE = new double[PIECES * CHEB];

    static {
        for (int p = 0; p < PIECES; p++) {
            double a = 1 + (double) p / PIECES, h = 0.5 / PIECES;
            double[] v = new double[CHEB];
            double mean = 0;
            for (int k = 0; k < CHEB; k++) {
                v[k] = Gamma.gamma(a + h + h * Math.cos(Math.PI * (k + 0.5) / CHEB));
                mean += v[k];
            }
            mean /= CHEB;
            TABLE[p * CHEB] = mean;
            for (int j = 1; j < CHEB; j++) {
                double c = 0;
                for (int k = 0; k < CHEB; k++) c += (v[k] - mean) * Math.cos(Math.PI * ((j * (2 * k + 1)) % (4 * CHEB)) / (2 * CHEB));
                TABLE[p * CHEB + j] = 2 * c / CHEB;
            }
        }
    }

    /** Γ(t) for real t &gt; 0 (table for 1 ≤ t ≤ 5, Hipparchus elsewhere). */
    static double gamma(double t) {
        if (!(t >= 1 && t <= 5)) return Gamma.gamma(t);
        double f = 1;
        while (t > 2) { // Γ(t) = (t−1) Γ(t−1)
            t -= 1;
            f *= t;
        }
        double u = (t - 1) * PIECES;
        int p = Math.min((int) u, PIECES - 1);
        double x = 2 * (u - p) - 1, x2 = 2 * x;
        int base = p * CHEB;
        double b1 = 0, b2 = 0;
        for (int j = CHEB - 1; j >= 1; j--) {
            double b0 = TABLE[base + j] + x2 * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        return f * (TABLE[base] + x * b1 - b2);
    }
}
