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
     * callers validate once). Cost: one {@code Math.exp} per energy plus two cheap passes.
     */
    public EnsembleStatistics compute(double[] energies, int from, int n, double T) {
        if (weights.length < n) weights = new double[Math.max(n, 2 * weights.length)];
        final double[] w = weights;
        final double eMin = min(energies, from, n);
        // Pass 1: shifted Boltzmann factors w_i = exp(−(E_i − E_min)/T) ∈ (0, 1], their sum s = Z·exp(E_min/T),
        // the excess energy a = Σ w_i (E_i − E_min) ≥ 0 and Σ w_i² — all sums of non-negative terms.
        double s = 0, sc = 0, a = 0, ac = 0, q = 0;
        final double beta = 1.0 / T;
        for (int i = 0; i < n; i++) {
            double de = energies[from + i] - eMin;
            double wi = Math.exp(-de * beta); // Boltzmann weight (Eq. 20), shifted for log-sum-exp
            w[i] = wi;
            double t = s + wi;                // Neumaier-compensated Σ w
            sc += s >= wi ? (s - t) + wi : (wi - t) + s;
            s = t;
            double x = wi * de;
            double u = a + x;                 // Neumaier-compensated Σ w (E − E_min)
            ac += a >= x ? (a - u) + x : (x - u) + a;
            a = u;
            q += wi * wi;
        }
        s += sc;
        a += ac;
        final double excess = a / s;                // ⟨E⟩ − E_min ≥ 0
        final double U = eMin + excess;             // U = Σ p_i E_i (Eq. 24)
        // Pass 2: two-pass variance about U (never ⟨E²⟩ − ⟨E⟩²).
        double v = 0, vc = 0;
        for (int i = 0; i < n; i++) {
            double d = energies[from + i] - U;
            double x = w[i] * d * d;
            double t = v + x;
            vc += v >= x ? (v - t) + x : (x - t) + v;
            v = t;
        }
        final double varE = (v + vc) / s;           // Var(E) = Σ p_i (E_i − U)²
        final double lnS = Math.log(s);
        final double logZ = -eMin * beta + lnS;     // ln Z = −E_min/T + ln Σ w (Eq. 23, log-sum-exp)
        final double F = eMin - T * lnS;            // F = −T ln Z (Eq. 24)
        final double S = lnS + excess * beta;       // S = −Σ p ln p = ln Σw + ⟨E − E_min⟩/T (Eq. 24, no cancellation)
        final double Cv = varE * beta * beta;       // C_v = Var(E)/T² (Eq. 28)
        final double nEff = s * s / q;              // participation ratio 1/Σ p²
        return new EnsembleStatistics(T, n, logZ, F, U, S, Cv, varE, nEff, varE, eMin);
    }

    static double min(double[] e, int from, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < from + n; i++) m = Math.min(m, e[i]);
        return m;
    }
}
