package io.thermoscope.special;

/** Digamma ψ(x) and trigamma ψ'(x) for real x off the poles (Hipparchus' versions lose up to 8 digits). */
final class Digamma {
    private Digamma() {
    }

    /** B_2k for k = 1 … 8. */
    private static final double[] B = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510};
    private static final double ASYMPTOTIC = 12;

    /** ψ(x): recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 12, then ψ(x) ~ ln x − 1/(2x) − Σ B_2k/(2k x^2k) (DLMF 5.11.2). */
    static double psi(double x) {
        double shift = 0;
        while (x < ASYMPTOTIC) {
            shift += 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x), p = inv2, series = 0;
        for (int k = 0; k < B.length; k++) {
            series += B[k] / (2 * (k + 1)) * p;
            p *= inv2;
        }
        return Math.log(x) - 0.5 / x - series - shift;
    }

    /** ψ'(x): ψ'(x) = ψ'(x+1) + 1/x² up to x ≥ 12, then ψ'(x) ~ 1/x + 1/(2x²) + Σ B_2k/x^(2k+1) (DLMF 5.15.8). */
    static double trigamma(double x) {
        double shift = 0;
        while (x < ASYMPTOTIC) {
            shift += 1 / (x * x);
            x += 1;
        }
        double inv2 = 1 / (x * x), p = inv2 / x, series = 0;
        for (double b : B) {
            series += b * p;
            p *= inv2;
        }
        return 1 / x + 0.5 * inv2 + series + shift;
    }
}
