package io.thermoscope.langevin;

/**
 * A table-driven natural logarithm for the Langevin inner loop: x = 2^e·m, m ∈ [1, 2) split by its top 10 mantissa
 * bits into m = c_j(1 + r) with |r| &lt; 2^-11, ln x = e·ln 2 + ln c_j + log1p(r), log1p by its 5-term series
 * (truncation below 1e-17). Absolute error about 2e-16 (a few ulp of the result); valid for positive normal x only —
 * callers clamp their argument to at least {@link Double#MIN_NORMAL}.
 */
public final class FastLog {
    private static final int BITS = 10;
    private static final int SIZE = 1 << BITS;
    private static final double[] LOG_C = new double[SIZE];
    private static final double[] INV_C = new double[SIZE];
    private static final double LN2_HI = 0x1.62e42fefa3800p-1;   // ln 2 with its last 11 bits cleared (e·LN2_HI exact)
    private static final double LN2_LO = 0x1.ef35793c76730p-45;  // ln 2 − LN2_HI

    static {
        for (int j = 0; j < SIZE; j++) {
            double c = 1 + (j + 0.5) / SIZE;
            LOG_C[j] = Math.log(c);
            INV_C[j] = 1 / c;
        }
    }

    private FastLog() {}

    /** ln x for a positive normal double x (no checks). */
    public static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        // the biased exponent as a double without an int-to-double conversion: 2^52 + e_biased − (2^52 + 1023)
        double e = Double.longBitsToDouble(0x4330000000000000L | (bits >>> 52)) - 4503599627371519.0;
        int j = (int) (bits >>> (52 - BITS)) & (SIZE - 1);
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double r = m * INV_C[j] - 1;
        // log1p(r) = r − r²/2 + r³/3 − r⁴/4 + r⁵/5 − …, |r| < 2^-11
        double p = r - r * r * (0.5 - r * (1.0 / 3 - r * (0.25 - r * 0.2)));
        return e * LN2_HI + (LOG_C[j] + (p + e * LN2_LO));
    }
}
