package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;

/**
 * The partition function over token distance (polylog chapter §22.4): attention decaying as w(d) = d^−γ e^−λd over
 * d = 1 … N (or N = ∞) is a Boltzmann ensemble of energies ln d at inverse temperature γ, with Z = Li_γ(e^−λ) for
 * N = ∞. Exposes ln Z, the moments of ln d, C_V = γ² Var(ln d), χ = 1/|γ − 1|, the phase, captured mass and the
 * KV-cache window.
 */
public final class DistanceEnsemble {
    /** Default half-width of the "crossover" band around γ = 1. */
    public static final double DEFAULT_BAND = 0.05;

    /**
     * Thermodynamics of the distance ensemble.
     *
     * @param gamma           decay exponent γ (inverse temperature)
     * @param lambda          exponential cut-off λ ≥ 0
     * @param n               largest distance N, or null for N = ∞
     * @param logZ            ln Z, Z = Σ d^−γ e^−λd (= ln Li_γ(e^−λ) for N = ∞)
     * @param meanLogDistance ⟨ln d⟩ = −∂ ln Z/∂γ
     * @param varLogDistance  Var(ln d) = ∂² ln Z/∂γ² (two-pass: computed about the mean)
     * @param Cv              C_V = γ² Var(ln d)
     * @param chi             χ = 1/|γ − 1|, +∞ at γ = 1
     * @param phase           "A" (γ &lt; 1), "B" (γ &gt; 1) or "crossover" (|γ − 1| &lt; band)
     */
    public record Result(double gamma, double lambda, Long n, double logZ, double meanLogDistance, double varLogDistance,
                         double Cv, double chi, String phase) {
        /** Whether χ diverges (γ = 1). */
        public boolean chiDiverges() {
            return Double.isInfinite(chi);
        }
    }

    /**
     * The smallest KV-cache window capturing a mass fraction q.
     *
     * @param mass           the requested mass q
     * @param window         smallest integer W with Σ_{d≤W} p(d) ≥ q: exact up to 2^53, beyond that the double
     *                       nearest to it (the integers there are not all doubles); null beyond the double range
     * @param windowExact    whether {@code window} is that integer exactly
     * @param log10Window    log₁₀ W, also when W exceeds the double range
     * @param captured       mass actually captured by {@code window} (null when the window is null)
     * @param continuum      the continuum window: ∫_1^W x^−γ e^−λx dx = q ∫_1^N … (closed form for λ = 0); null
     *                       beyond the double range
     * @param log10Continuum log₁₀ of the continuum window
     * @param relativeError  (continuum − window)/window (null when either is null)
     */
    public record KvWindow(double mass, Double window, boolean windowExact, double log10Window, Double captured,
                           Double continuum, double log10Continuum, Double relativeError) {
        /** The window as a long; throws when it is not an exact integer of the long range. */
        public long exact() {
            if (window == null || !windowExact) throw new ArithmeticException("the window " + log10Window + " (log10) is not a long");
            return window.longValue();
        }
    }

    private final double gamma;
    private final double lambda;
    /** Largest distance N as a double, +∞ for the infinite sum. */
    private final double n;
    private final double band;
    private final DistanceSums sums;

    /** The ensemble for γ, λ and N ({@code null} for ∞) with the crossover band half-width {@code band}. */
    public DistanceEnsemble(double gamma, double lambda, Long n, double band) {
        InvalidInputException.requireFinite("gamma", gamma);
        InvalidInputException.requireFinite("lambda", lambda);
        InvalidInputException.requireFinite("band", band);
        if (lambda < 0) throw new InvalidInputException("lambda must be >= 0, got " + lambda);
        if (band < 0) throw new InvalidInputException("band must be >= 0, got " + band);
        if (n != null && n < 1) throw new InvalidInputException("N must be >= 1, got " + n);
        if (n == null && lambda == 0 && gamma <= 1) {
            throw new InvalidInputException("the infinite sum diverges for lambda = 0 and gamma <= 1 (gamma = " + gamma
                    + "); give a finite --n or lambda > 0");
        }
        this.gamma = gamma;
        this.lambda = lambda;
        this.n = n == null ? Double.POSITIVE_INFINITY : n;
        this.band = band;
        this.sums = new DistanceSums(gamma, lambda, this.n);
    }

    /** The ensemble with the default crossover band. */
    public DistanceEnsemble(double gamma, double lambda, Long n) {
        this(gamma, lambda, n, DEFAULT_BAND);
    }

    /** The phase of γ: "A" below 1, "B" above, "crossover" within {@code band} of 1. */
    public static String phase(double gamma, double band) {
        if (Math.abs(gamma - 1) < band) return "crossover";
        return gamma < 1 ? "A" : "B";
    }

    /** χ = 1/|γ − 1| (chapter §22.5), +∞ at γ = 1. */
    public static double susceptibility(double gamma) {
        return gamma == 1 ? Double.POSITIVE_INFINITY : 1 / Math.abs(gamma - 1);
    }

    /** The chapter's corrected asymptote of C_V(N) at γ = 1, λ = 0: (ln N)²/12 (chapter §22, the erratum's 12, not 4). */
    public static double criticalAsymptote(long n) {
        if (n < 1) throw new InvalidInputException("N must be >= 1, got " + n);
        double lnN = Math.log((double) n);
        return lnN * lnN / 12;                          // C_V(N) → (ln N)²/12 at γ = 1 (chapter §22)
    }

        /** ln Z, ⟨ln d⟩, Var(ln d) (two passes: the second about the mean), C_V, χ and the phase. */
    public Result thermodynamics() {
        double[] s = sums.sums(1, n, 0);
        double mean = s[1] / s[0];                      // ⟨ln d⟩ = −∂_γ ln Z
        double[] t = sums.sums(1, n, mean);
        double var = t[2] / t[0];                       // Var(ln d) = ∂²_γ ln Z, about the mean
        double cv = var == 0 ? 0 : gamma * gamma * var; // C_V = γ² Var(ln d) (chapter §22); 0, not ∞·0, for γ ≈ 1e308
        // ln Z = shift + ln Σ w e^−shift: finite even where Z itself under- or overflows (λ = 800, γ ≪ 0)
        return new Result(gamma, lambda, Double.isInfinite(n) ? null : (long) n, sums.shift() + Math.log(s[0]), mean,
                var, cv, susceptibility(gamma), phase(gamma, band));
    }

    /** Mass captured by a window W: Σ_{d ≤ W} p(d). */
    public double captured(long window) {
        if (window < 1) throw new InvalidInputException("window must be >= 1, got " + window);
        if (window >= n) return 1;
        double total = sums.sums(1, n, 0)[0];
        return sums.sums(1, window, 0)[0] / total;
    }

    /** The smallest window capturing mass {@code q} ∈ (0, 1), exactly and by the continuum formula. */
    public KvWindow kvWindow(double q) {
        InvalidInputException.requireFinite("mass q", q);
        if (!(q > 0 && q < 1)) throw new InvalidInputException("mass q must lie in (0, 1), got " + q);
        double total = sums.sums(1, n, 0)[0];
        // exponential search then bisection on the monotone captured mass, over integers held as doubles
        double lo = 0, hi = 1;
        while (hi < n && !captures(hi, q, total)) {
            lo = hi;
            hi = Math.min(n, hi * 16);
            if (hi == Double.POSITIVE_INFINITY) return beyondDouble(q);
        }
        while (hi - lo > 1) {
            double mid = Math.floor(lo + (hi - lo) / 2);
            if (mid <= lo || mid >= hi) break;          // adjacent doubles beyond 2^53: hi is W to double precision
            if (captures(mid, q, total)) hi = mid;
            else lo = mid;
        }
        double captured = hi >= n ? 1 : q <= 0.5 ? sums.sums(1, hi, 0)[0] / total
                : 1 - sums.sums(hi + 1, n, 0)[0] / total;  // as decided: from the tail where q > 1/2
        double log10Cont = log10ContinuumWindow(q);
        Double cont = log10Cont < 308 ? continuumWindow(q) : null;
        return new KvWindow(q, hi, hi <= 0x1p53 && hi - lo == 1, Math.log10(hi), captured, cont, log10Cont,
                cont == null ? null : (cont - hi) / hi);
    }

    /**
     * Whether the window w captures mass q: Σ_{d≤w} w(d) ≥ q·total, or for q &gt; 1/2 the equivalent
     * Σ_{d&gt;w} w(d) ≤ (1 − q)·total, whose relative accuracy does not degrade as q → 1.
     */
    private boolean captures(double w, double q, double total) {
        if (q <= 0.5) return sums.sums(1, w, 0)[0] >= q * total;
        return w >= n || sums.sums(w + 1, n, 0)[0] <= (1 - q) * total;
    }

    /**
     * The window when it exceeds the double range (λ = 0, N = ∞, γ barely above 1): from the tail
     * Σ_{d&gt;W} d^−γ = ζ(γ, W + 1) = W^{1−γ}/(γ − 1) (1 + O(1/W)) (DLMF 25.11.43) = (1 − q) ζ(γ), in logarithms.
     */
    private KvWindow beyondDouble(double q) {
        if (lambda > 0) {
            throw new InvalidInputException("the window capturing mass " + q + " exceeds 1.8e308 tokens (lambda = "
                    + lambda + " is too small to cut it off in double precision)");
        }
        // ln W = ln((1 − q)(γ − 1)ζ(γ))/(1 − γ)
        double lnW = (Math.log1p(-q) + Math.log(gamma - 1) + Math.log(io.thermoscope.special.RiemannZeta.value(gamma))) / (1 - gamma);
        return new KvWindow(q, null, false, lnW / Math.log(10), null, null, log10ContinuumWindow(q), null);
    }

    /** log₁₀ of the continuum window (closed forms for λ = 0, else of the bisection's result). */
    private double log10ContinuumWindow(double q) {
        double s = 1 - gamma;
        if (lambda == 0 && Double.isInfinite(n)) return Math.log1p(-q) / s / Math.log(10); // W = (1 − q)^{1/(1−γ)}
        return Math.log10(continuumWindow(q));
    }

    /**
     * The continuum window: the density x^−γ e^−λx on [1, N] captures q on [1, W]. For λ = 0 in closed form,
     * W = (1 + q(N^{1−γ} − 1))^{1/(1−γ)} (and W = N^q at γ = 1; for N = ∞ and γ &gt; 1, W = (1 − q)^{1/(1−γ)});
     * for λ &gt; 0 by bisection on the integral.
     */
    public double continuumWindow(double q) {
        double s = 1 - gamma;
        if (lambda == 0) {
            if (Double.isInfinite(n)) return Math.pow(1 - q, 1 / s);
            double lnN = Math.log(n);
            if (Math.abs(s * lnN) < 1e-12) return Math.exp(q * lnN);             // W = N^q at γ = 1
            return Math.exp(Math.log1p(q * Math.expm1(s * lnN)) / s);          // (1 + q(N^s − 1))^{1/s}
        }
        double top = n;
        double total = sums.integralOf(1, top);
        double lo = 1, hi = Math.min(top, 2);
        while (sums.integralOf(1, hi) < q * total && hi < top) hi = Math.min(top, hi * 2);
        for (int it = 0; it < 200 && hi - lo > 1e-12 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (sums.integralOf(1, mid) >= q * total) hi = mid;
            else lo = mid;
        }
        return 0.5 * (lo + hi);
    }
}
