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
     * @param exact          smallest integer W with Σ_{d≤W} p(d) ≥ q
     * @param exactCaptured  mass actually captured by the exact window
     * @param continuum      the continuum window: ∫_1^W x^−γ e^−λx dx = q ∫_1^N … (closed form for λ = 0)
     * @param absoluteError  continuum − exact
     * @param relativeError  (continuum − exact)/exact
     */
    public record KvWindow(double mass, long exact, double exactCaptured, double continuum, double absoluteError,
                           double relativeError) {
    }

    private final double gamma;
    private final double lambda;
    private final long n;
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
        this.n = n == null ? Long.MAX_VALUE : n;
        this.band = band;
        this.sums = new DistanceSums(gamma, lambda);
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
        double cv = gamma * gamma * var;                // C_V = γ² Var(ln d) (chapter §22)
        return new Result(gamma, lambda, n == Long.MAX_VALUE ? null : n, Math.log(s[0]), mean, var, cv,
                susceptibility(gamma), phase(gamma, band));
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
        // exponential search then bisection on the monotone captured mass
        long lo = 0, hi = 1;
        while (hi < n && sums.sums(1, hi, 0)[0] < q * total) {
            lo = hi;
            hi = hi > Long.MAX_VALUE / 4 ? n : Math.min(n, hi * 2);
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (sums.sums(1, mid, 0)[0] >= q * total) hi = mid;
            else lo = mid;
        }
        double exactCaptured = hi >= n ? 1 : sums.sums(1, hi, 0)[0] / total;
        double cont = continuumWindow(q);
        return new KvWindow(q, hi, exactCaptured, cont, cont - hi, (cont - hi) / hi);
    }

    /**
     * The continuum window: the density x^−γ e^−λx on [1, N] captures q on [1, W]. For λ = 0 in closed form,
     * W = (1 + q(N^{1−γ} − 1))^{1/(1−γ)} (and W = N^q at γ = 1; for N = ∞ and γ &gt; 1, W = (1 − q)^{1/(1−γ)});
     * for λ &gt; 0 by bisection on the integral.
     */
    public double continuumWindow(double q) {
        double s = 1 - gamma;
        if (lambda == 0) {
            if (n == Long.MAX_VALUE) return Math.pow(1 - q, 1 / s);
            double lnN = Math.log((double) n);
            if (Math.abs(s * lnN) < 1e-12) return Math.exp(q * lnN);             // W = N^q at γ = 1
            return Math.exp(Math.log1p(q * Math.expm1(s * lnN)) / s);          // (1 + q(N^s − 1))^{1/s}
        }
        double top = n == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (double) n;
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
