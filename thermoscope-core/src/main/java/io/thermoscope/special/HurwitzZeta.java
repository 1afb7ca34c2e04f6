package io.thermoscope.special;

import io.thermoscope.InvalidInputException;
import org.hipparchus.special.Gamma;

/** The Hurwitz zeta function ζ(s, a) = Σ_{n≥0} (n + a)^−s for real s ≠ 1 and a &gt; 0 (analytic continuation in s). */
public final class HurwitzZeta {
    private HurwitzZeta() {
    }

    /** Below this s the Hurwitz series in cosines (DLMF 25.11.9) is used for 0 &lt; a ≤ 1. */
    static final double COSINE_SERIES_BELOW = -9;

    /**
     * ζ(s, a) for real s ≠ 1 and a &gt; 0; throws {@link InvalidInputException} otherwise, and where |ζ(s, a)|
     * exceeds the largest double (very negative s).
     */
    public static double value(double s, double a) {
        InvalidInputException.requireFinite("s", s);
        InvalidInputException.requirePositive("a", a);
        if (s == 1) throw new InvalidInputException("the Hurwitz zeta function has a pole at s = 1");
        double v = unchecked(s, a);
        if (!Double.isFinite(v)) {
            // its size for the message: the first term a^−s (tiny a), a^(1−s)/|1−s| (large a), and for s → −∞
            // the scale 2Γ(1−s)/(2π)^(1−s) of Hurwitz's cosine series
            double t = 1 - s;
            double ln = Math.max(-s * Math.log(a), t * Math.log(Math.max(a, 1)) - Math.log(Math.abs(t)));
            if (s < 0) ln = Math.max(ln, Math.log(2) + Gamma.logGamma(t) - t * RiemannZeta.LN_2PI);
            if (!(ln > 700)) throw new IllegalStateException("zeta(" + s + ", " + a + ") evaluated to " + v);
            throw RiemannZeta.beyondDouble("zeta(" + s + ", " + a + ")", Double.isNaN(v) || v > 0, ln);
        }
        return v;
    }

    private static double unchecked(double s, double a) {
        if (s >= 0.5) return RiemannZeta.eulerMaclaurin(s, a, 10);
        if (s <= COSINE_SERIES_BELOW) return veryNegative(s, a);
        if (a >= 7) return RiemannZeta.eulerMaclaurin(s, a, 0);
        // s < 1/2: Euler–Maclaurin would cancel terms of size ~N against a result of order 1 (or near a zero)
        // shift a into (1/2, 3/2]: ζ(s, a) = ζ(s, a+1) + a^−s  (DLMF 25.11.3)
        double shift = 0;
        while (a <= 0.5) {
            shift += Math.pow(a, -s);
            a += 1;
        }
        while (a > 1.5) {
            a -= 1;
            shift -= Math.pow(a, -s);
        }
        return taylorAboutOne(s, a - 1) + shift;
    }

    /**
     * ζ(s, a) for s ≤ −9: for a ≥ max(7, −s) Euler–Maclaurin (its Bernoulli terms then shrink by (|s|/2πa)²);
     * otherwise a is shifted into (0, 1] by ζ(s, a) = ζ(s, a − 1) − (a − 1)^−s (DLMF 25.11.3), all terms positive
     * for s &lt; 0 and subtracted, and ζ(s, a₀) is Hurwitz's series ζ(1 − σ, a) = 2Γ(σ)/(2π)^σ Σ_n cos(πσ/2 − 2πna)/n^σ,
     * σ = 1 − s ≥ 10 (DLMF 25.11.9), whose cosines are reduced exactly and whose Γ(σ) never overflows alone.
     */
    private static double veryNegative(double s, double a) {
        double t = 1 - s;
        if (a >= 7 && a >= -s) return RiemannZeta.eulerMaclaurin(s, a, 0);
        double a0 = a - Math.ceil(a - 1);   // in (0, 1], exact
        double shift = 0;
        for (double b = a0; b < a && Double.isFinite(shift); b += 1) shift += Math.pow(b, -s);
        double sum = 0;
        double halfT = 0.5 * t;             // πσ/2 in half-turns, reduced below without rounding
        for (int n = 1; n <= 200; n++) {
            double na = n * a0, naLow = Math.fma(n, a0, -na);   // n·a₀ = na + naLow exactly
            // cos(π(σ/2 − 2n a₀)) with each part reduced mod 2 before adding: exact at the zeros (a₀ = 1/4, …)
            double arg = mod2(halfT) - mod2(2 * na) - 2 * naLow;
            double term = RiemannZeta.cosHalfPi(2 * mod2(arg)) * Math.pow(n, -t);
            sum += term;
            if (Math.pow(n + 1, -t) < 1e-18 * Math.abs(sum)) break;
        }
        if (sum == 0) return -shift;
        return RiemannZeta.twoGammaOverTwoPiPower(t, sum) - shift;
    }

    /** x − 2·rint(x/2) ∈ [−1, 1], exact. */
    private static double mod2(double x) {
        return x - 2 * Math.rint(0.5 * x);
    }

    /** ζ(s, 1 + h) = Σ_k (−1)^k (s)_k/k! ζ(s + k) h^k for |h| ≤ 1/2 (DLMF 25.11.10). */
    private static double taylorAboutOne(double s, double h) {
        double sum = 0, comp = 0, c = 1, prev = Double.MAX_VALUE;
        for (int k = 0; k < 200; k++) {
            double x = s + k, d = s + (k - 1); // not x − 1, which would round s away
            double t;
            if (Math.abs(d) < RiemannZeta.LAURENT_RADIUS && k > 0) {
                // the factor (s + k − 1) = d of (s)_k meets the pole of ζ(1 + d): d ζ(1+d) = 1 + d g(d)
                double cNoD = c * -1.0 / k; // (−1)^k (s)_k/k! without its factor d
                t = cNoD * (1 + d * RiemannZeta.laurentRegular(d));
                c *= -d / k;
            } else {
                if (k > 0) c *= -d / k;
                t = c * (x == 1 ? 0 : RiemannZeta.unchecked(x));
            }
            t *= Math.pow(h, k);
            // Neumaier-compensated: many small terms are added to a sum of order 1
            double u = sum + t;
            comp += Math.abs(sum) >= Math.abs(t) ? (sum - u) + t : (t - u) + sum;
            sum = u;
            double a = Math.abs(t);
            if (k > 2 - s && a + prev < 1e-17 * Math.abs(sum)) break;
            prev = a;
        }
        return sum + comp;
    }
}
