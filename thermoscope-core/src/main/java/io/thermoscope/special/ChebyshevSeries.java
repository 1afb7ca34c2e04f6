package io.thermoscope.special;

/**
 * Piecewise Chebyshev tables shared by the special functions: the m Chebyshev nodes of an interval, the coefficients
 * from the values there, and Clenshaw's evaluation. A table stores, per piece, m coefficients from {@code offset}.
 */
final class ChebyshevSeries {
    private ChebyshevSeries() {
    }

    /** Node k (0 ≤ k &lt; m) of [mid − half, mid + half]: mid + half·cos(π(k + ½)/m). */
    static double node(double mid, double half, int k, int m) {
        return mid + half * Math.cos(Math.PI * (k + 0.5) / m);
    }

    /**
     * Writes the m = {@code values.length} coefficients of the series through {@code values} (taken at the m nodes)
     * into {@code table[offset …]}. The mean is c_0; the other coefficients come from the (small) deviations, with
     * the angle reduced exactly, so that rounding noise scales with the variation over the piece, not with its size.
     */
    static void fit(double[] values, double[] table, int offset) {
        int m = values.length;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= m;
        table[offset] = mean;
        for (int j = 1; j < m; j++) {
            double c = 0;
            for (int k = 0; k < m; k++) c += (values[k] - mean) * Math.cos(Math.PI * ((j * (2 * k + 1)) % (4 * m)) / (2 * m));
            table[offset + j] = 2 * c / m;
        }
    }

    /** Σ_j c_j T_j(x) for x ∈ [−1, 1] by Clenshaw's recurrence, coefficients {@code table[offset … offset + m − 1]}. */
    static double eval(double[] table, int offset, int m, double x) {
        double x2 = 2 * x, b1 = 0, b2 = 0;
        for (int j = m - 1; j >= 1; j--) {
            double b0 = table[offset + j] + x2 * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        return table[offset] + x * b1 - b2;
    }
}
