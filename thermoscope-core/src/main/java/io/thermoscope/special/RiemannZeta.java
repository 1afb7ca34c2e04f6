package io.thermoscope.special;

import io.thermoscope.InvalidInputException;
import org.hipparchus.special.Gamma;

/**
 * The Riemann zeta function ζ(s) for every real s ≠ 1 (polylog chapter §22.4 uses ζ(γ) = Li_γ(1)), with its first
 * two derivatives in s. Laurent series with Stieltjes constants near s = 1, Euler–Maclaurin for s ≥ 0, the
 * functional equation for s &lt; 0.
 */
public final class RiemannZeta {
    private RiemannZeta() {
    }

    /** Euler–Mascheroni constant γ. */
    static final double EULER_GAMMA = 0.5772156649015328606065;
    static final double LN_2PI = 1.8378770664093454836;
    static final double TWO_PI = 2 * Math.PI;

    /** Stieltjes constants γ_0 … γ_24 (mpmath.stieltjes, 20 digits). */
    static final double[] STIELTJES = {
            5.7721566490153286061e-1, -7.2815845483676724861e-2, -9.6903631928723184845e-3, 2.0538344203033458662e-3,
            2.3253700654673000575e-3, 7.9332381730106270175e-4, -2.3876934543019960987e-4, -5.2728956705775104607e-4,
            -3.521233538030395096e-4, -3.4394774418088048178e-5, 2.0533281490906479468e-4, 2.7018443954390352667e-4,
            1.6727291210514019335e-4, -2.746380660376015886e-5, -2.0920926205929994584e-4, -2.8346865532024144664e-4,
            -1.9969685830896977471e-4, 2.6277037109918336699e-5, 3.0736840814925282659e-4, 5.0360545304735562906e-4,
            4.663435615115594494e-4, 1.0443776975600011581e-4, -5.4159958220399770166e-4, -1.2439620904082457793e-3,
            -1.5885112789035615619e-3,
    };

    /** (−1)^j γ_j / j!: the coefficients of ζ(1+ε) − 1/ε in powers of ε. */
    static final double[] LAURENT = new double[STIELTJES.length];

    /** B_2j/(2j)! for j = 1 … 15 (Euler–Maclaurin). */
    static final double[] BERNOULLI_OVER_FACTORIAL = {
            0.083333333333333333333, -0.0013888888888888888889, 0.000033068783068783068783,
            -8.2671957671957671958e-7, 2.0876756987868098979e-8, -5.2841901386874931848e-10,
            1.3382536530684678833e-11, -3.3896802963225828668e-13, 8.5860620562778445641e-15,
            -2.174868698558061873e-16, 5.5090028283602295152e-18, -1.3954464685812523341e-19,
            3.5347070396294674717e-21, -8.9535174270375468504e-23, 2.2679524523376830603e-24,
    };

    static {
        double f = 1;
        for (int j = 0; j < STIELTJES.length; j++) {
            if (j > 0) f *= j;
            LAURENT[j] = ((j & 1) == 0 ? 1 : -1) * STIELTJES[j] / f;
        }
    }

    /** Half-width of the band around s = 1 where the Laurent series is used. */
    static final double LAURENT_RADIUS = 0.3;
    /** Half-width of the band around s = 1 where the derivative path uses the Laurent series. */
    static final double JET_LAURENT_RADIUS = 1.5;
    /** Number of direct terms before the Euler–Maclaurin tail. */
    private static final int EM_TERMS = 10;

    /**
     * ζ(s) for real s ≠ 1; throws {@link InvalidInputException} at the pole s = 1, for NaN, and below s ≈ −260
     * where |ζ(s)| exceeds the largest double (the message gives its magnitude).
     */
    public static double value(double s) {
        if (Double.isNaN(s)) throw new InvalidInputException("s must be a number, got NaN");
        if (s == 1) throw new InvalidInputException("zeta has a pole at s = 1");
        double v = unchecked(s);
        if (Double.isInfinite(v)) throw beyondDouble("zeta(" + s + ")", v > 0, logAbsReflected(s));
        return v;
    }

    /** The refusal for a value whose magnitude e^{lnAbs} exceeds the double range. */
    static InvalidInputException beyondDouble(String what, boolean positive, double lnAbs) {
        double log10 = lnAbs / Math.log(10);
        String magnitude = Double.isFinite(log10)
                ? String.format(java.util.Locale.ROOT, "%s%.3fe%d", positive ? "" : "-",
                Math.pow(10, log10 - Math.floor(log10)), (long) Math.floor(log10))
                : (positive ? "" : "-") + "10^(" + log10 + ")";
        return new InvalidInputException(what + " = " + magnitude + " is beyond the double range (|x| <= 1.8e308)");
    }

    /** ln|ζ(s)| for s &lt; 0 by the functional equation in logarithms (for messages; ~1e-13 relative). */
    static double logAbsReflected(double s) {
        double t = 1 - s;
        // ln|ζ(s)| = ln 2 + (s − 1) ln 2π + ln Γ(1 − s) + ln|sin(πs/2)| + ln ζ(1 − s)  (functional equation)
        return Math.log(2) - t * LN_2PI + Gamma.logGamma(t) + Math.log(Math.abs(sinHalfPi(s)))
                + Math.log(unchecked(t));
    }

    /**
     * factor · 2Γ(t)/(2π)^t for t ≥ 1, without intermediate overflow: Γ(t₀)/(2π)^t₀ at t₀ = t − m ∈ [100, 101)
     * (Hipparchus' Γ overflows inside its Lanczos form above ~141), then m factors (t₀ + j)/(2π) &gt; 1, stopping at
     * overflow (the result then exceeds the double range).
     */
    static double twoGammaOverTwoPiPower(double t, double factor) {
        if (t <= 101) return factor * 2 * Gamma.gamma(t) * Math.pow(TWO_PI, -t);
        double m = Math.floor(t - 100), t0 = t - m;   // t − m exact
        double v = factor * 2 * Gamma.gamma(t0) * Math.pow(TWO_PI, -t0);
        for (double j = 0; j < m && Double.isFinite(v) && v != 0; j++) v *= (t0 + j) / TWO_PI; // Γ(x+1) = xΓ(x)
        return v;
    }

    /** ζ(s) without argument checks (s ≠ 1, not NaN). */
    static double unchecked(double s) {
        if (s > 0 && s < TABLE_END) return 1 / (s - 1) + regular(s);
        return reference(s); // includes ζ(0) = −1/2 exactly
    }

    /** Chebyshev table of the entire function g(x) = ζ(x) − 1/(x−1) on [n, n+1], n = 0 … TABLE_END − 1. */
    static final int TABLE_END = 60;
    private static final int CHEB = 14;
    private static final double[] TABLE = new double[TABLE_END * CHEB];

    /** g(x) = ζ(x) − 1/(x−1) for 0 ≤ x &lt; TABLE_END, by Clenshaw's recurrence on the tabulated Chebyshev series. */
    static double regular(double x) {
        int n = (int) x;
        return ChebyshevSeries.eval(TABLE, n * CHEB, CHEB, 2 * (x - n) - 1);
    }

    static {
        // Chebyshev coefficients from CHEB nodes per unit interval (g is entire: 14 terms reach ~1e-20)
        for (int n = 0; n < TABLE_END; n++) {
            double[] v = new double[CHEB];
            for (int k = 0; k < CHEB; k++) {
                double x = ChebyshevSeries.node(n + 0.5, 0.5, k, CHEB);
                double e = x - 1;
                v[k] = Math.abs(e) < LAURENT_RADIUS ? laurentRegular(e) : reference(x) - 1 / e;
            }
            ChebyshevSeries.fit(v, TABLE, n * CHEB);
        }
    }

    /** ζ(s) from the defining algorithms (Laurent, Euler–Maclaurin, functional equation), used to build the table. */
    private static double reference(double s) {
        if (s == Double.POSITIVE_INFINITY) return 1;
        double e = s - 1;
        if (Math.abs(e) < LAURENT_RADIUS) return 1 / e + laurentRegular(e);
        if (s == 0) return -0.5;
        if (s >= LAURENT_RADIUS) { // below, Euler–Maclaurin cancels terms ~N against a result ~1/2
            if (s > 60) return 1 + Math.pow(2, -s) + Math.pow(3, -s);
            return eulerMaclaurin(s, 1.0, EM_TERMS);
        }
        if (s == Math.rint(s) && ((long) s & 1) == 0) return 0; // trivial zeros ζ(−2k) = 0
        // ζ(s) = 2^s π^(s−1) sin(πs/2) Γ(1−s) ζ(1−s)  (functional equation)
        double t = 1 - s;
        if (t > 101) return twoGammaOverTwoPiPower(t, sinHalfPi(s) * unchecked(t)); // Γ(1−s) overflows (inside Hipparchus: t > 141)
        double zt = s > -LAURENT_RADIUS ? -1 / s + laurentRegular(-s) : unchecked(t); // ζ(1−s) without rounding 1−s
        return 2 * Math.pow(TWO_PI, s - 1) * sinHalfPi(s) * Gamma.gamma(t) * zt;
    }

    /** ζ(1+ε) − 1/ε = Σ (−1)^j γ_j ε^j / j!  (Laurent series about the pole). */
    static double laurentRegular(double e) {
        double r = 0;
        for (int j = LAURENT.length - 1; j >= 0; j--) r = r * e + LAURENT[j];
        return r;
    }

    /** sin(πx/2) with exact argument reduction, accurate near its zeros. */
    static double sinHalfPi(double x) {
        return quarterTurn(x, 0);
    }

    /** cos(πx/2) = sin(π(x+1)/2) with exact argument reduction, accurate near its zeros. */
    static double cosHalfPi(double x) {
        return quarterTurn(x, 1);
    }

    /** sin(π(x + shift)/2) for integer shift, reducing x exactly (|x| &lt; 2^50). */
    private static double quarterTurn(double x, int shift) {
        double j = Math.rint(x);
        double a = 0.5 * Math.PI * (x - j); // x − j exact
        int q = (int) ((((long) j + shift) % 4 + 4) % 4);
        switch (q) {
            case 0: return Math.sin(a);
            case 1: return Math.cos(a);
            case 2: return -Math.sin(a);
            default: return -Math.cos(a);
        }
    }

    /**
     * Hurwitz ζ(s, a) by Euler–Maclaurin: Σ_{n&lt;N} (n+a)^−s + q^(1−s)/(s−1) + q^−s/2 + Σ_j B_2j/(2j)! (s)_{2j−1}
     * q^(−s−2j+1), q = a + N (DLMF 25.11.5 summed by Euler–Maclaurin).
     */
    static double eulerMaclaurin(double s, double a, int n) {
        double sum = 0;
        for (int k = n - 1; k >= 0; k--) sum += Math.pow(k + a, -s);
        double q = a + n;
        double qs = Math.pow(q, -s);
        // q^(1−s)/(s−1) + q^−s/2 and (s)_1 q^(−s−1), grouped so that no product overflows where the sum does not
        double tail = qs * (q / (s - 1) + 0.5);
        double t = s * (qs / q); // (s)_1 q^(−s−1)
        double q2 = 1 / (q * q);
        double bern = 0;
        for (int j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
            double term = BERNOULLI_OVER_FACTORIAL[j] * t;
            bern += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum + tail)) break;
            t *= (s + 2 * j + 1) * (s + 2 * j + 2) * q2;
        }
        return sum + tail + bern;
    }

    /** ζ and its first two derivatives at s ≠ 1, written to {@code out[0..2]}. */
    static void jet(double s, double[] out) {
        double e = s - 1;
        // the Laurent series is entire; with 25 Stieltjes constants it reaches 1e-20 for |s − 1| < 1.5. It covers
        // −0.5 < s ≤ 0, where Euler–Maclaurin (terms ~n^0.5 ln² n) and the functional equation (poles ~1/s³ in the
        // second derivative) would both cancel
        if (Math.abs(e) < JET_LAURENT_RADIUS) {
            laurentJet(e, out);
            return;
        }
        if (s >= 0) {
            eulerMaclaurinJet(s, 1.0, EM_TERMS, out);
            return;
        }
        reflectionJet(s, out);
    }

    /** ζ(1+e) and its derivatives from the Laurent series. */
    static void laurentJet(double e, double[] out) {
        {
            // d^k/dε^k of 1/ε + Σ c_j ε^j
            double v = 0, d1 = 0, d2 = 0;
            for (int j = LAURENT.length - 1; j >= 0; j--) {
                d2 = d2 * e + 2 * d1;
                d1 = d1 * e + v;
                v = v * e + LAURENT[j];
            }
            out[0] = 1 / e + v;
            out[1] = -1 / (e * e) + d1;
            out[2] = 2 / (e * e * e) + d2;
        }
    }

    private static void reflectionJet(double s, double[] out) {
        // ζ(s) = A(s) sin(πs/2) ζ(1−s), A = 2 (2π)^(s−1) Γ(1−s)  (functional equation)
        double t = 1 - s;
        double a = 2 * Math.pow(TWO_PI, s - 1) * Gamma.gamma(t);
        double l = LN_2PI - Digamma.psi(t);
        double a1 = a * l, a2 = a * (l * l + Digamma.trigamma(t));
        double sn = sinHalfPi(s), cs = cosHalfPi(s), h = 0.5 * Math.PI;
        double s0 = sn, s1 = h * cs, s2 = -h * h * sn;
        if (s > -LAURENT_RADIUS) {
            laurentJet(-s, out); // ζ(1−s) about the pole without rounding 1−s
        } else {
            jet(t, out);
        }
        double z0 = out[0], z1 = -out[1], z2 = out[2];
        // product of the three jets
        double p0 = a * s0, p1 = a1 * s0 + a * s1, p2 = a2 * s0 + 2 * a1 * s1 + a * s2;
        out[0] = p0 * z0;
        out[1] = p1 * z0 + p0 * z1;
        out[2] = p2 * z0 + 2 * p1 * z1 + p0 * z2;
    }

    /** Euler–Maclaurin for ζ(s, a) with the first two s-derivatives (see {@link #eulerMaclaurin}). */
    static void eulerMaclaurinJet(double s, double a, int n, double[] out) {
        double v = 0, d1 = 0, d2 = 0;
        for (int k = n - 1; k >= 0; k--) {
            double p = Math.pow(k + a, -s), l = Math.log(k + a);
            v += p;
            d1 -= l * p;
            d2 += l * l * p;
        }
        double q = a + n, lq = Math.log(q);
        double qs = Math.pow(q, -s);
        // q^(1−s)/(s−1): product of q^(1−s) and 1/(s−1)
        double t0 = q * qs, t1 = -lq * t0, t2 = lq * lq * t0;
        double u0 = 1 / (s - 1), u1 = -u0 * u0, u2 = 2 * u0 * u0 * u0;
        v += t0 * u0 + 0.5 * qs;
        d1 += t1 * u0 + t0 * u1 - 0.5 * lq * qs;
        d2 += t2 * u0 + 2 * t1 * u1 + t0 * u2 + 0.5 * lq * lq * qs;
        // Σ_j b_j P_j(s) Q_j(s), P_j = (s)_{2j−1}, Q_j = q^(−s−2j+1)
        double p0 = s, p1 = 1, p2 = 0;
        double q0 = qs / q;
        double q2inv = 1 / (q * q);
        for (int j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
            double b = BERNOULLI_OVER_FACTORIAL[j];
            double w0 = p0 * q0, w1 = p1 * q0 - lq * p0 * q0, w2 = p2 * q0 - 2 * lq * p1 * q0 + lq * lq * p0 * q0;
            v += b * w0;
            d1 += b * w1;
            d2 += b * w2;
            if (Math.abs(b * w0) + Math.abs(b * w1) + Math.abs(b * w2) < 1e-19 * (Math.abs(v) + Math.abs(d1) + Math.abs(d2))) {
                break;
            }
            for (int i = 1; i <= 2; i++) { // multiply P by (s + 2j + i)
                double c = s + 2 * j + i;
                p2 = p2 * c + 2 * p1;
                p1 = p1 * c + p0;
                p0 = p0 * c;
            }
            q0 *= q2inv;
        }
        out[0] = v;
        out[1] = d1;
        out[2] = d2;
    }
}
