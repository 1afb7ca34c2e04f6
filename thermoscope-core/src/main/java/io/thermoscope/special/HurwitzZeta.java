package io.thermoscope.special;

import io.thermoscope.InvalidInputException;

/** The Hurwitz zeta function ζ(s, a) = Σ_{n≥0} (n + a)^−s for real s ≠ 1 and a &gt; 0 (analytic continuation in s). */
public final class HurwitzZeta {
    private HurwitzZeta() {
    }

    /** ζ(s, a) for real s ≠ 1 and a &gt; 0; throws {@link InvalidInputException} otherwise. */
    public static double value(double s, double a) {
        InvalidInputException.requireFinite("s", s);
        InvalidInputException.requirePositive("a", a);
        if (s == 1) throw new InvalidInputException("the Hurwitz zeta function has a pole at s = 1");
        if (s >= 0.5) return RiemannZeta.eulerMaclaurin(s, a, 10);
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
