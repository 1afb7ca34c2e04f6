package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

/**
 * The canonical (Boltzmann) ensemble of a finite set of energies: softmax attention read as statistical
 * mechanics (Kim 2026, §III.C–IV). All sums are shifted by the ground-state energy (log-sum-exp), compensated
 * (Neumaier), and the variance is two-pass, so no quantity suffers catastrophic cancellation.
 *
 * <p>Instances reuse one scratch buffer and are therefore not thread-safe; the static methods allocate.
 */
public final class BoltzmannEnsemble {
    private double[] weights;

    /** Creates an ensemble calculator with a scratch buffer for {@code capacity} energies (grows on demand). */
    public BoltzmannEnsemble(int capacity) {
        weights = new double[Math.max(1, capacity)];
    }

    /** Statistics of {@code energies} at temperature {@code T}; validates the input. */
    public static EnsembleStatistics of(double[] energies, double T) {
        validate(energies, 0, energies.length, T);
        return new BoltzmannEnsemble(energies.length).compute(energies, 0, energies.length, T);
    }

    /** Equilibrium probabilities p_i = exp(−E_i/T)/Z, i.e. softmax(−E/T) (Eq. 22). */
    public static double[] probabilities(double[] energies, double T) {
        validate(energies, 0, energies.length, T);
        double eMin = min(energies, 0, energies.length);
        double[] p = new double[energies.length];
        double s = 0, c = 0;
        for (int i = 0; i < p.length; i++) {
            double w = Math.exp(-(energies[i] - eMin) / T); // Boltzmann factor, shifted (Eq. 20)
            p[i] = w;
            double t = s + w;
            c += Math.abs(s) >= Math.abs(w) ? (s - t) + w : (w - t) + s;
            s = t;
        }
        s += c;
        for (int i = 0; i < p.length; i++) p[i] /= s; // normalisation by Z (Eq. 21)
        return p;
    }

    /** Throws {@link InvalidInputException} unless T &gt; 0 is finite and the energies are non-empty and finite. */
    public static void validate(double[] energies, int from, int n, double T) {
        InvalidInputException.requirePositive("temperature T", T);
        if (n <= 0) throw new InvalidInputException("the ensemble needs at least one energy, got none");
        for (int i = from; i < from + n; i++) {
            if (!Double.isFinite(energies[i])) {
                throw new InvalidInputException("energy " + (i - from) + " is not finite (" + energies[i] + ")");
            }
        }
    }

    /**
     * Statistics of {@code energies[from, from+n)} at temperature {@code T}, without validation (the hot path;
     * callers validate once). Cost: one {@code Math.exp} per energy plus one cheap pass.
     *
     * <p>Everything is computed in the dimensionless excitations x_i = (E_i − E_min)/T, so that no intermediate
     * leaves the double range when the energies (or their spread) are near 1.8e308: ln Z, S, C_v = Var(x) and
     * N_eff are then exact to rounding, U and F are finite whenever they are representable, and a quantity whose
     * value exceeds the double range (ln Z = −E_min/T for E_min/T beyond it, Var(E) = T² Var(x)) is ±∞ — the
     * true value's sign and "too large", never NaN. States with x beyond {@value #X_CAP} carry weight exactly 0.
     *
     * <p>Sums run in blocks of {@value #BLOCK} with plain accumulators (no loop-carried compensation in the hot
     * loop), and the block sums are folded with Neumaier compensation: error ≲ (BLOCK + 2)·ε relative per sum,
     * independent of n, because every summand is non-negative.
     */
    public EnsembleStatistics compute(double[] energies, int from, int n, double T) {
        if (weights.length < n) weights = new double[Math.max(n, 2 * weights.length)];
        int ground = from;
        for (int i = from + 1; i < from + n; i++) if (energies[i] < energies[ground]) ground = i;
        final double eMin = energies[ground];
        final double beta = 1.0 / T;
        final boolean scaled = Double.isFinite(beta); // T subnormal: divide instead, so 0·∞ never makes NaN
        // Pass 1: shifted Boltzmann factors w_i = exp(−x_i) ∈ (0, 1] (Eq. 20, log-sum-exp shift);
        // r = Σ w over every state but one ground state (whose w is exactly 1), so ln Σw = log1p(r) stays accurate
        // as T → 0; a = Σ w x ≥ 0; q = Σ w².
        resetSums();
        accumulate(energies, from, ground, from, eMin, beta, T, scaled);
        weights[ground - from] = 1.0;
        q += 1.0;
        accumulate(energies, ground + 1, from + n, from, eMin, beta, T, scaled);
        final double r = rSum + rComp, a = aSum + aComp;
        final double s = 1 + r;
        final double meanX = a / s;                 // ⟨x⟩ = (U − E_min)/T ≥ 0
        // U = E_min + T⟨x⟩ (Eq. 24); halved when T⟨x⟩ alone would overflow though U (within [E_min, E_max]) cannot
        double excess = T * meanX;
        final double U = Double.isFinite(excess) ? eMin + excess : 2 * (0.5 * eMin + 0.5 * T * meanX);
        // Pass 2: two-pass variance of x about ⟨x⟩ (never ⟨x²⟩ − ⟨x⟩²), blocked like pass 1.
        final double[] w = weights;
        double v = 0, vc = 0;
        for (int b = 0; b < n; b += BLOCK) {
            int end = Math.min(n, b + BLOCK);
            double block = 0;
            for (int i = b; i < end; i++) {
                double d = excitation(energies[from + i], eMin, beta, T, scaled) - meanX;
                block += w[i] * d * d;
            }
            double t = v + block;
            vc += v >= block ? (v - t) + block : (block - t) + v;
            v = t;
        }
        final double varX = (v + vc) / s;           // Var(x) = Σ p_i (x_i − ⟨x⟩)² = Var(E)/T²
        final double varE = varX * T * T;           // Var(E) = Σ p_i (E_i − U)²
        final double lnS = Math.log1p(r);
        final double logZ = -(scaled ? eMin * beta : eMin / T) + lnS; // ln Z = −E_min/T + ln Σ w (Eq. 23)
        final double F = eMin - T * lnS;            // F = −T ln Z (Eq. 24)
        final double S = lnS + meanX;               // S = −Σ p ln p = ln Σw + ⟨E − E_min⟩/T (Eq. 24, no cancellation)
        final double Cv = varX;                     // C_v = Var(E)/T² (Eq. 28) = Var(x)
        final double nEff = s * s / q;              // participation ratio 1/Σ p²
        return new EnsembleStatistics(T, n, logZ, F, U, S, Cv, varE, nEff, varE, eMin);
    }

    /** Excitations beyond this carry weight e^−x = 0 exactly; capping keeps 0·x from becoming 0·∞. */
    static final double X_CAP = 1e4;

    /** x = (E − E_min)/T ∈ [0, X_CAP], also when E − E_min overflows (energies spanning more than 1.8e308). */
    private static double excitation(double e, double eMin, double beta, double T, boolean scaled) {
        double de = e - eMin;
        double x = scaled ? de * beta : de / T;
        if (!(x < X_CAP)) {
            // de = ∞ (overflow) or x ≥ X_CAP: recompute from halves; beyond the cap the state has weight 0 anyway
            double half = 0.5 * e - 0.5 * eMin;
            x = Math.min(X_CAP, scaled ? 2 * (half * beta) : 2 * (half / T));
        }
        return x;
    }

    /** Block length of the two-level summation. */
    static final int BLOCK = 64;
    private double rSum;
    private double rComp;
    private double aSum;
    private double aComp;
    private double q;

    private void resetSums() {
        rSum = rComp = aSum = aComp = q = 0;
    }

    /** Adds the weights of energies[start, end) to r, a and q; stores them at weights[i − from]. */
    private void accumulate(double[] energies, int start, int end, int from, double eMin, double beta, double T,
                            boolean scaled) {
        final double[] w = weights;
        double qq = q;
        for (int b = start; b < end; b += BLOCK) {
            int stop = Math.min(end, b + BLOCK);
            double rb = 0, ab = 0;
            for (int i = b; i < stop; i++) {
                double x = excitation(energies[i], eMin, beta, T, scaled);
                double wi = Math.exp(-x);           // Boltzmann weight (Eq. 20), shifted
                w[i - from] = wi;
                rb += wi;
                ab += wi * x;
                qq += wi * wi;
            }
            double t = rSum + rb;                    // Neumaier fold of the block sums
            rComp += rSum >= rb ? (rSum - t) + rb : (rb - t) + rSum;
            rSum = t;
            double u = aSum + ab;
            aComp += aSum >= ab ? (aSum - u) + ab : (ab - u) + aSum;
            aSum = u;
        }
        q = qq;
    }

    static double min(double[] e, int from, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < from + n; i++) m = Math.min(m, e[i]);
        return m;
    }
}
