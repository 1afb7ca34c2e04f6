package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

/**
 * Sums Σ_{d=a}^{b} d^−γ e^−λd (ln d − c)^k for k = 0, 1, 2 with b possibly infinite: the first terms directly
 * (Neumaier-compensated), the rest by Euler–Maclaurin — the integral in u = ln x (closed form for λ = 0, composite
 * 20-point Gauss–Legendre for λ &gt; 0) plus Bernoulli corrections whose odd derivatives come from truncated Taylor
 * series (automatic differentiation). Accurate to about 1e-14 relative; never truncates an infinite sum.
 * <p>
 * Every weight carries the factor e^−shift, shift = the largest ln w(d) over the range (d = 1, d = N or the peak
 * d* = −γ/λ) when that is beyond ±600 (else 0): the sums are those of w(d)·e^−shift, so that e^−λd never underflows (λ = 800) nor d^−γ overflows
 * (γ ≪ 0); ln Z = shift + ln S₀. The upper end b is a double (+∞ for an infinite sum), so windows beyond 2^63 work.
 */
final class DistanceSums {
    /** Terms summed directly before the Euler–Maclaurin tail takes over. */
    static final int DIRECT = 96;
    private static final int ORDER = 8; // Bernoulli terms B_2 … B_16
    private static final double[] B2J = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510};
    private static final double[] GL_X, GL_W;

    static {
        // 20-point Gauss–Legendre nodes/weights on [−1, 1] by Newton iteration on P_20
        int n = 20;
        GL_X = new double[n];
        GL_W = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    p0 = 1;
                    p1 = x;
                    for (int k = 2; k <= n; k++) {
                        double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    dp = n * (x * p1 - p0) / (x * x - 1);
                    GL_X[i] = x;
                    GL_W[i] = 2 / ((1 - x * x) * dp * dp);
                    break;
                }
            }
        }
    }

    private final double gamma;
    private final double lambda;
    private final double shift;
    /** The peak d* = −γ/λ of w for γ &lt; 0 &lt; λ (0 otherwise): below it the weights still grow. */
    private final double peak;

    /** Sums for γ, λ over d ≤ top (a double, +∞ allowed), scaled by e^−shift with shift = max ln w on [1, top]. */
    DistanceSums(double gamma, double lambda, double top) {
        this.gamma = gamma;
        this.lambda = lambda;
        this.peak = gamma < 0 && lambda > 0 ? -gamma / lambda : 0;
        double m = -lambda;                                          // ln w(1)
        if (gamma < 0 && lambda == 0 && Double.isFinite(top)) m = Math.max(m, logWeight(top));
        if (peak > 1) m = Math.max(m, logWeight(Math.min(peak, top)));
        if (!Double.isFinite(m)) {
            throw new InvalidInputException("gamma = " + gamma + ", lambda = " + lambda + " give ln Z beyond the double "
                    + "range (the largest weight d^-gamma e^-lambda d has a logarithm past 1.8e308)");
        }
        this.shift = Math.abs(m) < 600 ? 0 : m;   // only where e^m would leave the double range: same bits elsewhere
    }

    /** ln w(d) = −γ ln d − λd (chapter §22.4). */
    private double logWeight(double d) {
        return -gamma * Math.log(d) - lambda * d;
    }

    /** The shift: ln Z = shift + ln S₀. */
    double shift() {
        return shift;
    }

    /** Scaled weight w(d)·e^−shift, w(d) = d^−γ e^−λd (chapter §22.4). */
    double weight(double d) {
        return Math.exp(logWeight(d) - shift);
    }

    /**
     * Σ_{d=a}^{b} w(d)e^−shift·(ln d − c)^k for k = 0, 1, 2 (integers a ≤ b held as doubles, b = +∞ for an infinite sum). Returns {S0, S1, S2}.
     */
    double[] sums(double a, double b, double c) {
        double[] s = new double[3], comp = new double[3];
        boolean huge = a >= 0x1p50;                 // no term-by-term part where d + 1 is no longer exact
        // term by term where the range is short, or where e^−λ per step is steep (λ ≥ 1e-3: Euler–Maclaurin's
        // derivatives ~λ^k) and the terms underflow within ~750/λ of the peak; a small λ reaching λa > 40 only far
        // out (λ = 1e-8, d ~ 1e10) would mean ~1e11 terms, and there Euler–Maclaurin is accurate
        boolean allDirect = !huge && (b - a < 4.0 * DIRECT || (lambda * a > 40 && lambda >= 1e-3));
        if (Double.isFinite(b) && -gamma / b - lambda >= 1 && a <= b) {
            // the weights grow by a factor ≥ e per step all the way up to b (φ' = −γ/d − λ ≥ 1, decreasing in d):
            // Euler–Maclaurin's derivatives would be ~(−γ/d)^k; the sum is its last few dozen terms, from b down
            for (double d = b; d >= a; d--) {
                double w = weight(d);
                double l = Math.log(d) - c;
                double[] t = {w, w * l, w * l * l};
                for (int k = 0; k < 3; k++) s[k] += t[k];
                if (w < 1e-20 * s[0] || d - 1 == d) break;   // beyond 2^53 the next term is e^−(spacing) smaller
            }
            return s;
        }
        if (huge) return a > b ? s : tail(a, b, c);
        if (allDirect && peak - a > MAX_DIRECT_TERMS) {
            // a large λ needs the sum term by term (Euler–Maclaurin's derivatives grow like λ^k), up to past the peak
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "gamma = %s, lambda = %s put the "
                    + "peak of the weights at d = %.3g: summing term by term up to it (as lambda > %.3g needs) is "
                    + "beyond the %.0e terms this command sums", gamma, lambda, peak, 40 / a, MAX_DIRECT_TERMS));
        }
        double directEnd = allDirect ? b : a + DIRECT - 1;
        for (double d = a; d <= directEnd; d++) {
            double w = weight(d);
            // underflow past the peak: the exponential tail is below every remaining term's ulp
            if (w == 0 && lambda > 0 && d > peak) break;
            double l = Math.log(d) - c;
            double[] t = {w, w * l, w * l * l};
            for (int k = 0; k < 3; k++) {
                double u = s[k] + t[k];
                comp[k] += Math.abs(s[k]) >= Math.abs(t[k]) ? (s[k] - u) + t[k] : (t[k] - u) + s[k];
                s[k] = u;
            }
        }
        if (directEnd < b) {
            double[] tail = tail(directEnd + 1, b, c);
            for (int k = 0; k < 3; k++) s[k] += tail[k];
        }
        for (int k = 0; k < 3; k++) s[k] += comp[k];
        return s;
    }

    /** Euler–Maclaurin: Σ_{d=A}^{B} f = ∫_A^B f + (f(A) + f(B))/2 + Σ_j B_2j/(2j)! (f^(2j−1)(B) − f^(2j−1)(A)). */
    private double[] tail(double a, double b, double c) {
        boolean infinite = b == Double.POSITIVE_INFINITY;
        double[] out = integral(a, b, c);
        double[][] fa = derivatives(a, c);
        double[][] fb = infinite ? new double[3][2 * ORDER] : derivatives(b, c);
        double fact = 1; // (2j)!
        for (int k = 0; k < 3; k++) out[k] += 0.5 * (fa[k][0] + fb[k][0]);
        for (int j = 1; j <= ORDER; j++) {
            fact *= (2 * j - 1) * (2 * j);
            for (int k = 0; k < 3; k++) out[k] += B2J[j - 1] / fact * (fb[k][2 * j - 1] - fa[k][2 * j - 1]);
        }
        return out;
    }

    /** f_k and its derivatives up to order 2·ORDER − 1 at x, for f_k = x^−γ e^−λx (ln x − c)^k (Taylor jets). */
    private double[][] derivatives(double x, double c) {
        int n = 2 * ORDER;
        // jets in h for x + h: ln(x + h) = ln x + Σ (−1)^{m+1} (h/x)^m / m
        double[] ln = new double[n];
        ln[0] = Math.log(x);
        for (int m = 1; m < n; m++) ln[m] = ((m % 2 == 1) ? 1 : -1) / (m * Math.pow(x, m));
        // exponent g = −γ ln(x + h) − λ (x + h)
        double[] g = new double[n];
        for (int m = 0; m < n; m++) g[m] = -gamma * ln[m];
        g[0] -= lambda * x + shift;
        g[1] -= lambda;
        double[] w = Jets.exp(g);
        double[] l = ln.clone();
        l[0] -= c;
        double[] w1 = Jets.mul(w, l), w2 = Jets.mul(w1, l);
        double[][] out = {w, w1, w2};
        for (double[] jet : out) {
            double f = 1;
            for (int m = 1; m < n; m++) {
                f *= m;
                jet[m] *= f; // Taylor coefficient → derivative
            }
        }
        return out;
    }

    /** ∫_a^b x^−γ e^−λx dx (b may be +∞ when the integral converges). */
    double integralOf(double a, double b) {
        return integral(a, b, 0)[0];
    }

    /** ∫_A^B x^−γ e^−λx (ln x − c)^k dx = ∫ e^{(1−γ)u − λe^u} (u − c)^k du over u ∈ [ln A, ln B]. */
    private double[] integral(double a, double b, double c) {
        double ua = Math.log(a), ub = Double.isInfinite(b) ? Double.POSITIVE_INFINITY : Math.log(b);
        double s = gamma - 1;
        if (lambda == 0 && Double.isInfinite(ub)) {
            // one antiderivative term: no cancellation (finite ranges use quadrature)
            return closedForm(ua, ub, s, c, shift);
        }
        double uMax = lambda == 0 ? ub : Math.log((800 + Math.max(0, -s) * 60) / lambda) + 1;
        double hi = Math.min(ub, Math.max(uMax, ua));
        double[] out = new double[3];
        if (hi <= ua) return out;
        // the exponent φ(u) = −su − λe^u is concave: integrate only where φ ≥ max φ − 80 (the rest is below
        // e^−80 of the peak), so that |γ| up to 1e308 does not ask for ~|s| panels over the whole range
        double top = s >= 0 ? ua : lambda == 0 ? hi : Math.min(hi, Math.max(ua, Math.log(-s / lambda)));
        double floor = exponent(top, s) - 80;
        double lo = exponent(ua, s) >= floor ? ua : edge(top, ua, s, floor);
        hi = exponent(hi, s) >= floor ? hi : edge(top, hi, s, floor);
        if (!(hi > lo)) return out;
        // panels of width ≤ 1/4 in u, narrower where e^{−su} changes by more than e^4 across one (γ ≪ 0 or ≫ 1),
        // at most MAX_PANELS (then the range is a few widths of the peak, |φ''| ≥ ~|s|, and the panels still finer)
        int panels = (int) Math.min(MAX_PANELS, Math.ceil((hi - lo) / Math.min(0.25, 4 / Math.abs(s))));
        double h = (hi - lo) / panels;
        for (int p = 0; p < panels; p++) {
            double mid = lo + (p + 0.5) * h;
            for (int i = 0; i < GL_X.length; i++) {
                double u = mid + 0.5 * h * GL_X[i];
                double f = 0.5 * h * GL_W[i] * Math.exp(-s * u - lambda * Math.exp(u) - shift);
                double l = u - c;
                out[0] += f;
                out[1] += f * l;
                out[2] += f * l * l;
            }
        }
        return out;
    }

    /** The most terms {@link #sums} adds one by one before the peak (~1 s). */
    private static final double MAX_DIRECT_TERMS = 3e7;

    /** The most Gauss–Legendre panels {@link #integral} uses. */
    private static final int MAX_PANELS = 4096;

    /** φ(u) = −su − λe^u, the logarithm of the integrand of {@link #integral} (without the shift). */
    private double exponent(double u, double s) {
        return -s * u - lambda * Math.exp(u);
    }

    /** The point between {@code inside} (φ ≥ floor) and {@code outside} (φ &lt; floor) where φ = floor, by bisection. */
    private double edge(double inside, double outside, double s, double floor) {
        for (int i = 0; i < 200; i++) {
            double m = 0.5 * (inside + outside);
            if (m == inside || m == outside) break;
            if (exponent(m, s) >= floor) inside = m;
            else outside = m;
        }
        return outside;
    }

    /**
     * ∫_{ua}^{ub} e^{−s u − shift} (u − c)^k du in closed form (s = γ − 1; s = 0 is the power law at γ = 1).
     */
    static double[] closedForm(double ua, double ub, double s, double c, double shift) {
        double[] fa = antiderivative(ua, s, c, shift), fb;
        if (Double.isInfinite(ub)) {
            fb = new double[3]; // s > 0 guaranteed by the caller's validation
        } else {
            fb = antiderivative(ub, s, c, shift);
        }
        return new double[] {fb[0] - fa[0], fb[1] - fa[1], fb[2] - fa[2]};
    }

    private static double[] antiderivative(double u, double s, double c, double shift) {
        double y = u - c;
        if (s == 0) {
            double e = Math.exp(-shift);
            return new double[] {e * u, e * y * y / 2, e * y * y * y / 3};
        }
        double e = Math.exp(-s * u - shift);
        // ∫ e^{−su} y^k du = −e^{−su} Σ_{j≤k} k!/(k−j)! y^{k−j} / s^{j+1}
        return new double[] {-e / s, -e * (y / s + 1 / (s * s)), -e * (y * y / s + 2 * y / (s * s) + 2 / (s * s * s))};
    }
}
