package io.thermoscope.distance;

/** Truncated Taylor series (jets): coefficient arrays a_0 + a_1 h + … + a_{n−1} h^{n−1}. */
final class Jets {
    private Jets() {
    }

    /** Product of two jets of equal length. */
    static double[] mul(double[] a, double[] b) {
        int n = a.length;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) s += a[j] * b[i - j];
            c[i] = s;
        }
        return c;
    }

    /** exp of a jet: e' = g'·e, i.e. m·e_m = Σ_{j=1}^{m} j·g_j·e_{m−j}. */
    static double[] exp(double[] g) {
        int n = g.length;
        double[] e = new double[n];
        e[0] = Math.exp(g[0]);
        for (int m = 1; m < n; m++) {
            double s = 0;
            for (int j = 1; j <= m; j++) s += j * g[j] * e[m - j];
            e[m] = s / m;
        }
        return e;
    }
}
