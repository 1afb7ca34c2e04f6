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
            for (int k = 0; k < CHEB; k++) v[k] = Gamma.gamma(ChebyshevSeries.node(a + h, h, k, CHEB));
            ChebyshevSeries.fit(v, TABLE, p * CHEB);
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
        return f * ChebyshevSeries.eval(TABLE, p * CHEB, CHEB, 2 * (u - p) - 1);
    }
}
