package io.thermoscope.attention;

/** An independent reference for the tests of context growth (shared with thermoscope-models through the test-jar). */
public final class KeyWindows {
    private KeyWindows() {
    }

    /** ln Σ_{j ∈ [a, b) ∪ [c, d)} e^{s_j} by log-sum-exp in double precision. */
    public static double logSumExp(double[] s, int a, int b, int c, int d) {
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (int j = a; j < b; j++) max = Math.max(max, s[j]);
        for (int j = c; j < d; j++) max = Math.max(max, s[j]);
        for (int j = a; j < b; j++) z += Math.exp(s[j] - max);
        for (int j = c; j < d; j++) z += Math.exp(s[j] - max);
        return max + Math.log(z);
    }

    /** {@link #logSumExp(double[], int, int, int, int)} of a float row. */
    public static double logSumExp(float[] s, int a, int b, int c, int d) {
        double[] x = new double[s.length];
        for (int j = 0; j < s.length; j++) x[j] = s[j];
        return logSumExp(x, a, b, c, d);
    }
}
