package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

/**
 * The largest specific heat a single query can show over n keys. With ρ = softmax(−E/T), Eq. 28's
 * C_v = Var_ρ(E)/T² = Var_ρ(ln ρ) is the varentropy of ρ, whatever the energies; over all distributions on n
 * points it is largest for one key of weight q and n − 1 keys sharing 1 − q, so
 * B(n) = max_q q(1 − q)·ln²(q(n − 1)/(1 − q)). B(2) = 0.4392, B(3) = 0.7618, B(17) = 2.811; B grows like ln² n / 4.
 * A C_v measured over a fixed number of keys is therefore bounded, and cannot diverge with p: only a growing number
 * of attended keys lets it grow.
 */
public final class SpecificHeatBound {
    private SpecificHeatBound() {
    }

    /** B(n): the maximum of C_v = Var_ρ(E)/T² (Eq. 28) over every energy assignment to {@code keys} keys; 0 for one key. */
    public static double maximum(int keys) {
        if (keys < 1) throw new InvalidInputException("the number of keys must be >= 1, got " + keys);
        if (keys == 1) return 0;
        // q(1−q)·x² with x = ln(q(n−1)/(1−q)), i.e. q = σ(x − ln(n−1)); zero at x = 0 (uniform), one maximum on each
        // side; golden-section search of each side in x
        double shift = Math.log(keys - 1.0);
        return Math.max(goldenMax(-40, 0, shift), goldenMax(0, 40, shift));
    }

    /** Varentropy of the two-level family at log-odds x (q = σ(x − ln(n − 1))). */
    private static double family(double x, double shift) {
        double z = x - shift;
        double q = 1 / (1 + Math.exp(-z)), oneMinus = 1 / (1 + Math.exp(z));
        return q * oneMinus * x * x; // q(1 − q)·ln²(q(n−1)/(1−q)) (Eq. 28 for the two-level family)
    }

    private static double goldenMax(double a, double b, double shift) {
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a);
        double fc = family(c, shift), fd = family(d, shift);
        for (int i = 0; i < 200 && b - a > 1e-13; i++) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = family(c, shift);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = family(d, shift);
            }
        }
        return Math.max(fc, fd);
    }
}
