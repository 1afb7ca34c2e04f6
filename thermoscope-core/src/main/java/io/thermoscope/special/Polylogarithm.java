package io.thermoscope.special;

import io.thermoscope.InvalidInputException;
import org.hipparchus.special.Gamma;

/**
 * The polylogarithm Li_s(z) = Σ_{k≥1} z^k k^−s for real s and real z ≤ 1, and the fast path Li_s(e^−λ) used as the
 * partition function Z = Li_γ(e^−λ) of the distance ensemble (polylog chapter §22.4), with its s-derivatives.
 */
public final class Polylogarithm {
    private Polylogarithm() {
    }

    /**
     * Li_s(e^−λ) and its first two derivatives in s.
     *
     * @param value Li_s(e^−λ)
     * @param d1    ∂/∂s Li_s(e^−λ) = −Σ ln k e^−λk k^−s
     * @param d2    ∂²/∂s² Li_s(e^−λ) = Σ ln² k e^−λk k^−s
     */
    public record Derivatives(double value, double d1, double d2) {
    }

    /** Largest number of terms of any series used here. */
    private static final int MAX_TERMS = 64;
    /** ln k for k = 0 … MAX_TERMS + 1. */
    private static final double[] LN = new double[MAX_TERMS + 2];
    /** Half-width of the band around a positive integer s where the cancelling poles are combined analytically. */
    static final double POLE_BAND = 0.1;
    /** Largest m = n − 1 with precomputed pole-combination coefficients. */
    private static final int MAX_M = 24;
    /** Terms of the ε-series of w_m(ε). */
    private static final int W_TERMS = 60;
    /** Terms of w_m(ε) needed for |ε| &lt; POLE_BAND (0.1^22 &lt; 1e-18 relative). */
    private static final int VALUE_W_TERMS = 22;
    /** The derivative path combines the poles for every s &gt; 1/2 (|ε| ≤ 1/2): kept apart, the poles of ∂²/∂s²
     * (~2/ε³) cancel by a factor of several hundred even at |ε| = 0.3. */
    static final double JET_POLE_BAND = 0.5;
    /** W[m][i]: coefficient of ε^i in w_m(ε) − ln λ (see {@link #poleCombination}). */
    private static final double[][] W = new double[MAX_M + 1][W_TERMS];
    /** Direct summation Σ e^−λk k^−s is used when λ·DIRECT_K + s ln DIRECT_K ≥ DIRECT_EXPONENT. */
    private static final double DIRECT_K = 40, DIRECT_EXPONENT = 39.2;
    private static final double EPS = 1e-17;

    /** Smallest prime factor of k, k = 2 … MAX_TERMS + 1. */
    private static final int[] SMALLEST_PRIME_FACTOR = new int[MAX_TERMS + 2];

    static {
        for (int k = 1; k < LN.length; k++) LN[k] = Math.log(k);
        for (int k = 2; k < SMALLEST_PRIME_FACTOR.length; k++) {
            int f = 2;
            while (k % f != 0) f++;
            SMALLEST_PRIME_FACTOR[k] = f;
        }
        for (int m = 0; m <= MAX_M; m++) {
            double h = 0;
            for (int r = 1; r <= m; r++) h += 1.0 / r;
            W[m][0] = RiemannZeta.EULER_GAMMA - h; // −ψ(m+1) = γ − H_m
            for (int i = 1; i < W_TERMS; i++) {
                int j = i + 1;
                // (−1)^i ζ(j, m+1)/j from −[lnΓ(1+m+ε) − ln m!]/ε, ζ(j, m+1) = ψ^{(j−1)}(m+1) (−1)^j/(j−1)!
                double c = ((i & 1) == 0 ? 1 : -1) * RiemannZeta.eulerMaclaurin(j, m + 1, 10) / j;
                // + Σ_k ζ(2k) ε^{2k−1}/k from ln(πε/sin πε)/ε
                if ((i & 1) == 1) c += 2 * RiemannZeta.unchecked(j) / j;
                W[m][i] = c;
            }
        }
    }

    /** Per-thread cache: rows ζ(s − k), k = 0, 1, …, for the last 64 distinct s seen (direct-mapped by s). */
    private static final class RowCache {
        static final int SIZE = 64;
        final ZetaRow[] rows = new ZetaRow[SIZE];
        /** Scratch for the direct series: k^−s, k = 1 … MAX_TERMS + 1. */
        final double[] powers = new double[MAX_TERMS + 2];

        static int slot(double s) {
            long b = Double.doubleToRawLongBits(s);
            b = (b ^ (b >>> 31)) * 0xbf58476d1ce4e5b9L;
            return (int) (b >>> 58);
        }

        /** The row for s if cached, else null. */
        ZetaRow find(double s) {
            ZetaRow row = rows[slot(s)];
            return row != null && row.s == s ? row : null;
        }

        /** The row for s, evicting whatever shared its slot. */
        ZetaRow get(double s) {
            int i = slot(s);
            ZetaRow row = rows[i];
            if (row == null) rows[i] = row = new ZetaRow();
            if (row.s != s) row.reset(s);
            return row;
        }
    }

    private static final ThreadLocal<RowCache> ROWS = ThreadLocal.withInitial(RowCache::new);

    /**
     * Where {@link #value} uses Jonquière's sum over the logarithm's branches: z &lt; 0 for s ≤ −4 (the power and
     * η-series there cancel alternating terms far larger than the result: 1e-9 relative at s = −8.9, z = −1/2),
     * z &gt; 1/2 for s ≤ −9 (where ζ(s − k) of the series in ln z overflows).
     */
    static final double JONQUIERE_NEGATIVE_Z = -4, JONQUIERE_POSITIVE_Z = -9;

    /**
     * Li_s(z) for real s and real z ≤ 1 (z = 1 only for s &gt; 1, where it is ζ(s)); negative z down to −e². Throws
     * {@link InvalidInputException} where |Li_s(z)| exceeds the largest double (s far below 0), giving its size.
     */
    public static double value(double s, double z) {
        double v = valueOrOverflow(s, z);
        if (Double.isFinite(v)) return v;
        double t = 1 - s, w = z < 0 ? Math.hypot(Math.log(-z), Math.PI) : -Math.log(z);
        double ln = Gamma.logGamma(t) - t * Math.log(w);  // the dominant branch Γ(1−s)|w|^(s−1)
        if (!(s < 0 && ln > 700)) throw new IllegalStateException("Li_" + s + "(" + z + ") evaluated to " + v);
        throw RiemannZeta.beyondDouble("Li_" + s + "(" + z + ")", !(v < 0), ln);
    }

    private static double valueOrOverflow(double s, double z) {
        if (Double.isNaN(s) || Double.isInfinite(s)) throw new InvalidInputException("s must be a finite number, got " + s);
        if (Double.isNaN(z)) throw new InvalidInputException("z must be a number, got NaN");
        if (z > 1) throw new InvalidInputException("Li_s(z) is real only for z <= 1, got z = " + z);
        if (z == 1) {
            if (s <= 1) throw new InvalidInputException("Li_s(1) = zeta(s) diverges for s <= 1, got s = " + s);
            return RiemannZeta.unchecked(s);
        }
        if (z == 0) return 0;
        if (s == 1) return -Math.log1p(-z); // Li_1(z) = −ln(1 − z)
        if (z < 0 && s <= JONQUIERE_NEGATIVE_Z && z >= -MAX_NEGATIVE_Z) return jonquiere(s, z);
        if (z > 0.5 && s <= JONQUIERE_POSITIVE_Z) return jonquiere(s, z);
        if (z > 0 && z <= 0.5) return powerSeries(s, z);
        if (z > 0) return ofExp(s, -Math.log1p(z - 1)); // z − 1 exact for z ∈ [0.5, 1]
        if (z >= -0.5) return powerSeries(s, z);
        if (z < -MAX_NEGATIVE_Z) {
            throw new InvalidInputException("Li_s(z) is implemented for z >= -" + MAX_NEGATIVE_Z + ", got z = " + z);
        }
        if (z == -1) return -eta(s); // Li_s(−1) = −η(s)
        return negative(s, Math.log(-z));
    }

    /** Most negative z supported by {@link #value}: −e² (the η-series in ln(−z) converges for ln(−z) &lt; π). */
    public static final double MAX_NEGATIVE_Z = Math.exp(2);

    /** Li_s(e^−λ) for λ ≥ 0 (λ = 0 only for s &gt; 1): the allocation-free fast path of the distance ensemble. */
    public static double ofExp(double s, double lambda) {
        if (!(lambda > 0)) {
            if (lambda == 0 && s > 1) return RiemannZeta.unchecked(s);
            throw invalid(s, lambda);
        }
        if (Double.isNaN(s) || Double.isInfinite(s)) throw invalid(s, lambda);
        if (lambda == Double.POSITIVE_INFINITY) return 0;
        if (s == 1) return li1(lambda);
        // the series in λ is cheap once ζ(s − k) is cached for this s, so it then runs up to λ = 1
        RowCache cache = ROWS.get();
        if (lambda * DIRECT_K + s * LN[(int) DIRECT_K] >= DIRECT_EXPONENT && !(lambda < 1 && cache.find(s) != null)) {
            return direct(cache.powers, s, lambda);
        }
        return smallLambda(cache.get(s), s, lambda);
    }

    /** Li_1(e^−λ) = −ln(1 − e^−λ): −ln(−expm1(−λ)) for small λ, −log1p(−e^−λ) for large λ. */
    private static double li1(double lambda) {
        return lambda < 0.6931471805599453 ? -Math.log(-Math.expm1(-lambda)) : -Math.log1p(-Math.exp(-lambda));
    }

    private static InvalidInputException invalid(double s, double lambda) {
        if (lambda == 0) return new InvalidInputException("Li_s(1) diverges for s <= 1, got s = " + s);
        return new InvalidInputException("need finite s and lambda >= 0, got s = " + s + ", lambda = " + lambda);
    }

    /** Σ_{k≥1} e^−λk k^−s (definition), for λ large enough or s large enough; k^−s from its prime factors. */
    private static double direct(double[] pk, double s, double lambda) {
        double z = Math.exp(-lambda), zk = 1, sum = 0;
        pk[1] = 1;
        for (int k = 1; k <= MAX_TERMS; k++) {
            double p;
            if (k == 1) {
                p = 1;
            } else {
                int f = SMALLEST_PRIME_FACTOR[k];
                p = f == k ? Math.exp(-s * LN[k]) : pk[f] * pk[k / f]; // k^−s is completely multiplicative
            }
            pk[k] = p;
            zk *= z;
            double t = zk * p;
            sum += t;
            // terms decrease geometrically once k > −s/λ; ratio bound r = e^−λ ((k+1)/k)^−s
            if (t < EPS * sum && lambda * k + s > 0) {
                double r = z * Math.exp(-s * (LN[k + 1] - LN[k]));
                if (r < 0.9 && t * r / (1 - r) < EPS * sum) return sum;
            }
        }
        return directFrom(MAX_TERMS + 1, sum, s, lambda);
    }

    /** Continues Σ e^−λk k^−s from term k0 until converged (slow path, only for s far below −3). */
    private static double directFrom(int k0, double sum, double s, double lambda) {
        for (int k = k0; k < 10_000_000; k++) {
            double t = Math.exp(-lambda * k - s * Math.log(k));
            sum += t;
            if (t < EPS * sum && lambda * k + s > 0) {
                double r = Math.exp(-lambda - s * Math.log1p(1.0 / k));
                if (r < 0.9 && t * r / (1 - r) < EPS * sum) return sum;
            }
        }
        return sum;
    }

    /**
     * Li_s(z) for s ≤ −4 by Jonquière's formula Li_s(e^w) = Γ(1−s) Σ_{k∈ℤ} (2πik − w)^(s−1) (DLMF 25.12.16 with
     * Hurwitz's series), w = ln z (+iπ for z &lt; 0); for σ = 1 − s ≥ 5 it converges like |k|^−σ, the pair k, −k
     * (z &gt; 0) or k, 1 − k (z &lt; 0) adding to 2 r^−σ cos(σθ) for 2πik − w = r e^{iθ}. Where the power series
     * would cancel terms ~1e40 times larger than the result (z &lt; 0), this has no cancellation beyond that of the
     * cosines; every term is e^{L_k − L₁}, L_k = ln Γ(σ) − σ ln r_k, so nothing overflows before the end.
     */
    private static double jonquiere(double s, double z) {
        double sigma = 1 - s;
        boolean negative = z < 0;
        double mu = negative ? Math.log(-z) : -Math.log(z);  // −w for z > 0 (so λ = −ln z > 0), ln|z| for z < 0
        double lnGamma = Gamma.logGamma(sigma);
        double first = negative ? Math.hypot(mu, Math.PI) : mu;  // the branch nearest the origin
        double top = lnGamma - sigma * Math.log(first);
        double sum = negative ? 0 : 1;                      // k = 0 for z > 0: Γ(σ) λ^−σ, the scale itself
        for (int k = 1; k < 1_000_000; k++) {
            double im = negative ? Math.PI * (2 * k - 1) : 2 * Math.PI * k;
            double re = negative ? -mu : mu;
            double r = Math.hypot(re, im);
            double scale = Math.exp(sigma * Math.log(first / r));  // (r_k / r_first)^−σ ≤ 1
            // at z = −1 every branch has θ = π/2: cos(σπ/2) reduced exactly, so Li_s(−1) = −η(s) = 0 at s = −2j
            double cos = re == 0 ? RiemannZeta.cosHalfPi(sigma) : Math.cos(sigma * Math.atan2(im, re));
            double term = 2 * scale * cos;
            sum += term;
            if (scale < 1e-18 * Math.abs(sum) || scale == 0) break;
        }
        if (sum == 0) return 0;
        return Math.copySign(Math.exp(top + Math.log(Math.abs(sum))), sum);
    }

    /** Σ z^k k^−s for |z| ≤ 1/2. */
    private static double powerSeries(double s, double z) {
        if (s < -20) return scaledPowerSeries(s, z);
        double sum = 0, p = 1;
        for (int k = 1; k < 400; k++) {
            p *= z;
            double t = p * (k < LN.length ? Math.exp(-s * LN[k]) : Math.pow(k, -s));
            sum += t;
            if (Math.abs(t) < EPS * Math.abs(sum) && k > -s * 1.5) break;
        }
        return sum;
    }

    /**
     * Σ z^k k^−s for 0 &lt; z ≤ 1/2 and s &lt; −20, where the terms z^k k^|s| grow up to k* = s/ln z before they fall and
     * may pass the double range on the way: each term is e^{L_k − L*}, L_k = k ln z − s ln k, L* = L_{k*}, and the
     * sum is scaled back by e^{L*} at the end (+∞ when the value itself is beyond the range). All terms are positive.
     */
    private static double scaledPowerSeries(double s, double z) {
        double lnZ = Math.log(z);
        double kStar = Math.max(1, s / lnZ);
        double peak = kStar * lnZ - s * Math.log(kStar);
        double sum = 0;
        for (int k = 1; k < 1_000_000; k++) {
            double t = Math.exp(k * lnZ - s * Math.log(k) - peak);
            sum += t;
            if (k > kStar && t < 1e-18 * sum) break;
        }
        return Math.exp(peak + Math.log(sum));
    }

    /**
     * Li_s(e^μ) for μ = −λ, small λ: Γ(1−s) λ^(s−1) + Σ_k ζ(s−k) μ^k/k! (DLMF 25.12.12), with the poles of Γ(1−s)
     * and ζ(s−k) at k = s − 1 combined analytically when s is within {@link #POLE_BAND} of a positive integer.
     */
    private static double smallLambda(ZetaRow row, double s, double lambda) {
        double n = Math.rint(s);
        double eps = s - n;
        int skip = -1;
        double sum;
        if (n >= 1 && Math.abs(eps) < POLE_BAND) {
            int m = (int) n - 1;
            skip = m;
            sum = poleCombination(m, eps, lambda);
        } else {
            sum = row.gammaOneMinusS() * Math.pow(lambda, s - 1);
        }
        double mu = -lambda;
        double p = 1, reg = 0;
        double tail = Double.MAX_VALUE;
        // for s ≥ 0, λ < 1 the rest of the series after term k is at most
        //   12 |p_k| λ/((k+1)(1−λ))  [|ζ(x)| ≤ 12 for x ≥ −1 away from the pole]
        // + 4 (2π)^(s−1) q^(k+1)/(1−q), q = λ/2π  [|ζ(x)| ≤ 4 (2π)^(x−1) Γ(1−x) for x ≤ −1, Γ(1−s+j) ≤ j!]
        boolean bounded = s >= 0 && lambda < 1;
        double q = lambda / RiemannZeta.TWO_PI;
        double reflected = bounded ? 4 * Math.exp((s - 1) * RiemannZeta.LN_2PI) * q / (1 - q) : 0;
        double ratio = bounded ? lambda / (1 - lambda) : 0;
        for (int k = 0; k < ZetaRow.CAPACITY; k++) {
            if (k != skip) {
                double t = row.get(k) * p;
                reg += t;
                double a = Math.abs(t);
                if (bounded) {
                    if (12 * Math.abs(p) * ratio / (k + 1) + reflected < EPS * Math.abs(sum + reg)) return sum + reg;
                } else if (k > s + 1 && a + tail < EPS * Math.abs(sum + reg)) {
                    return sum + reg; // two consecutive negligible terms past the growth region (ζ has zeros at −2j)
                }
                tail = a;
            }
            reflected *= q;
            p *= mu / (k + 1);
        }
        return directFrom(1, 0, s, lambda); // not converged within the row (s far below −3): sum directly
    }

    /**
     * The pole pair Γ(1−s) λ^(s−1) + ζ(s−m) μ^m/m! at s = m + 1 + ε, combined: (−λ)^m/m! [g(ε) − (e^(εw) − 1)/ε]
     * with g(ε) = ζ(1+ε) − 1/ε and w(ε) = ln λ − ψ(m+1) + Σ … (ε-expansion of DLMF 25.12.12 about its poles).
     */
    private static double poleCombination(int m, double eps, double lambda) {
        double lnL = Math.log(lambda);
        double w = wSeries(m, eps) + lnL;
        double e = eps == 0 ? w : Math.expm1(eps * w) / eps;
        double f = RiemannZeta.laurentRegular(eps) - e;
        double c = 1; // λ^m/m! with the sign of μ^m
        for (int i = 1; i <= m; i++) c *= -lambda / i;
        return c * f;
    }

    /** w_m(ε) − ln λ = −ψ(m+1) + Σ_{i≥1} W[m][i] ε^i. */
    private static double wSeries(int m, double eps) {
        double[] c = W[m];
        double r = 0;
        for (int i = VALUE_W_TERMS - 1; i >= 0; i--) r = r * eps + c[i];
        return r;
    }

    /** Li_s(−e^μ) = −Σ_k η(s−k) μ^k/k! (|μ| &lt; π), η(x) = (1 − 2^(1−x)) ζ(x) the Dirichlet eta function. */
    private static double negative(double s, double mu) {
        double sum = 0, p = 1, prev = Double.MAX_VALUE;
        for (int k = 0; k < 400; k++) {
            double t = eta(s - k) * p;
            sum += t;
            double a = Math.abs(t);
            if (k > s + 1 && a + prev < EPS * Math.abs(sum)) break;
            prev = a;
            p *= mu / (k + 1);
        }
        return -sum;
    }

    /** Dirichlet η(x) = (1 − 2^(1−x)) ζ(x), entire (η(1) = ln 2). */
    static double eta(double x) {
        if (x == 1) return Math.log(2);
        double d = x - 1;
        if (Math.abs(d) < RiemannZeta.LAURENT_RADIUS) {
            // (1 − 2^−d)(1/d + g(d)) with 1 − 2^−d = −expm1(−d ln 2)
            double f = -Math.expm1(-d * Math.log(2));
            return f / d + f * RiemannZeta.laurentRegular(d);
        }
        return -Math.expm1((1 - x) * Math.log(2)) * RiemannZeta.unchecked(x);
    }

    /** Li_s(e^−λ) with ∂/∂s and ∂²/∂s² (for ⟨ln d⟩ and Var(ln d) of the distance ensemble); λ &gt; 0, or λ = 0 with s &gt; 1. */
    public static Derivatives ofExpDerivatives(double s, double lambda) {
        if (Double.isNaN(s) || Double.isInfinite(s) || !(lambda >= 0)) throw invalid(s, lambda);
        double[] out = new double[3];
        if (lambda == 0) {
            if (s <= 1) throw invalid(s, lambda);
            RiemannZeta.jet(s, out);
        } else if (lambda == Double.POSITIVE_INFINITY) {
            return new Derivatives(0, 0, 0);
        } else if (lambda * DIRECT_K + s * LN[(int) DIRECT_K] >= DIRECT_EXPONENT) {
            directJet(s, lambda, out);
        } else {
            smallLambdaJet(s, lambda, out);
        }
        if (s == 1) out[0] = li1(lambda);
        return new Derivatives(out[0], out[1], out[2]);
    }

    private static void directJet(double s, double lambda, double[] out) {
        double v = 0, d1 = 0, d2 = 0;
        for (int k = 1; k <= MAX_TERMS; k++) {
            double t = Math.exp(-lambda * k - s * LN[k]), l = LN[k];
            v += t;
            d1 -= l * t;
            d2 += l * l * t;
            if (t * l * l < EPS * d2 && t < EPS * v && lambda * k + s > 2) {
                double r = Math.exp(-lambda - s * (LN[k + 1] - LN[k]));
                double g = (LN[k + 1] / l) * (LN[k + 1] / l);
                if (r * g < 0.9 && t * r * g / (1 - r * g) < EPS * v) break;
            }
        }
        out[0] = v;
        out[1] = d1;
        out[2] = d2;
    }

    private static void smallLambdaJet(double s, double lambda, double[] out) {
        double n = Math.rint(s);
        double eps = s - n;
        int skip = -1;
        double v, d1, d2;
        double lnL = Math.log(lambda);
        if (n >= 1 && Math.abs(eps) <= JET_POLE_BAND) {
            int m = (int) n - 1;
            skip = m;
            double[] f = poleCombinationJet(m, eps, lnL);
            double c = 1;
            for (int i = 1; i <= m; i++) c *= -lambda / i;
            v = c * f[0];
            d1 = c * f[1];
            d2 = c * f[2];
        } else {
            // Γ(1−s) λ^(s−1): Γ' = −Γ ψ(1−s), Γ'' = Γ (ψ² + ψ')
            double t = 1 - s;
            double g = Gamma.gamma(t), psi = Digamma.psi(t), psi1 = Digamma.trigamma(t);
            double g1 = -g * psi, g2 = g * (psi * psi + psi1);
            double p = Math.pow(lambda, s - 1);
            v = g * p;
            d1 = (g1 + g * lnL) * p;
            d2 = (g2 + 2 * g1 * lnL + g * lnL * lnL) * p;
        }
        double mu = -lambda, p = 1;
        double[] z = new double[3];
        double prev = Double.MAX_VALUE;
        for (int k = 0; k < MAX_TERMS; k++) {
            if (k != skip) {
                RiemannZeta.jet(s - k, z);
                v += z[0] * p;
                d1 += z[1] * p;
                d2 += z[2] * p;
                double a = (Math.abs(z[0]) + Math.abs(z[1]) + Math.abs(z[2])) * Math.abs(p);
                if (k > s + 1 && a + prev < EPS * (Math.abs(v) + Math.abs(d1) + Math.abs(d2))) break;
                prev = a;
            }
            p *= mu / (k + 1);
        }
        out[0] = v;
        out[1] = d1;
        out[2] = d2;
    }

    /**
     * m!·f(ε) and its ε-derivatives where f(ε) m! = g(ε) − w φ(εw), φ(v) = (e^v − 1)/v, w = ln λ − ψ(m+1) + …
     * (see {@link #poleCombination}), divided by m! already folded into the caller's factor.
     */
    private static double[] poleCombinationJet(int m, double eps, double lnL) {
        double[] c = W[m];
        double w = 0, w1 = 0, w2 = 0;
        for (int i = W_TERMS - 1; i >= 0; i--) {
            w2 = w2 * eps + 2 * w1;
            w1 = w1 * eps + w;
            w = w * eps + c[i];
        }
        w += lnL;
        double g = 0, g1 = 0, g2 = 0;
        double[] l = RiemannZeta.LAURENT;
        for (int j = l.length - 1; j >= 0; j--) {
            g2 = g2 * eps + 2 * g1;
            g1 = g1 * eps + g;
            g = g * eps + l[j];
        }
        double x = eps * w, x1 = w + eps * w1, x2 = 2 * w1 + eps * w2;
        // φ(x) = (e^x − 1)/x = Σ x^j/(j+1)! and its derivatives (series for |x| ≤ 1, closed forms beyond)
        double ph = 0, ph1 = 0, ph2 = 0;
        if (Math.abs(x) <= 1) {
            double[] inv = INV_FACT;
            for (int j = inv.length - 2; j >= 0; j--) {
                ph2 = ph2 * x + 2 * ph1;
                ph1 = ph1 * x + ph;
                ph = ph * x + inv[j + 1];
            }
        } else {
            double em1 = Math.expm1(x), ex = em1 + 1;
            ph = em1 / x;
            ph1 = (x * ex - em1) / (x * x);
            ph2 = (x * x * ex - 2 * x * ex + 2 * em1) / (x * x * x);
        }
        double f0 = w * ph;
        double f1 = w1 * ph + w * ph1 * x1;
        double f2 = w2 * ph + 2 * w1 * ph1 * x1 + w * (ph2 * x1 * x1 + ph1 * x2);
        return new double[] {g - f0, g1 - f1, g2 - f2};
    }

    /** 1/j! for j = 0 … 40. */
    private static final double[] INV_FACT = new double[41];

    static {
        INV_FACT[0] = 1;
        for (int j = 1; j < INV_FACT.length; j++) INV_FACT[j] = INV_FACT[j - 1] / j;
    }
}
