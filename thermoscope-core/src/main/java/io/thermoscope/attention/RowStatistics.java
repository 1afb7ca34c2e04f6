package io.thermoscope.attention;

/**
 * The Boltzmann statistics of one attention row read from the model's own probabilities p_j and scores s_j
 * (E_j = −s_j·T): no exponential is evaluated, so the model's attention is what is measured and the cost is two
 * multiply–add passes per row. Sums run in double precision over the float inputs. One instance is reused row after
 * row (not thread-safe). Keys with p_j = 0 (masked, score −∞) contribute nothing.
 */
public final class RowStatistics {

    /** Scores below this are masked keys; clamping them keeps 0·score finite. */
    private static final float MASKED = -1e30f;

    /** ln Z = s_j − ln p_j at the most probable key (Eq. 23, exact for p = softmax(s)). */
    double logZ;
    /** ⟨s⟩ = Σ p s / Σ p. */
    double meanScore;
    /** Var(s) = Σ p (s − ⟨s⟩)² / Σ p, two passes (C_v = Var(E)/T² = Var(s), Eq. 28). */
    double varScore;
    /** Participation ratio (Σp)²/Σp². */
    double nEff;
    /** Σp over the keys (1 up to the float rounding of the model's softmax). */
    double mass;

    /** Computes the statistics of keys 0 … end−1 of the row. */
    public void compute(float[] s, float[] p, int end) {
        double sp = 0, sps = 0, sq = 0;
        for (int j = 0; j < end; j++) { // branch-free: the JIT vectorises it
            double pj = p[j];
            sp += pj;
            sps += pj * Math.max(s[j], MASKED);
            sq += pj * pj;
        }
        meanScore = sps / sp;
        double v = 0;
        for (int j = 0; j < end; j++) {
            double d = Math.max(s[j], MASKED) - meanScore;
            v += p[j] * d * d;
        }
        varScore = v / sp;
        // ln Z = s_j − ln p_j at any key with a normal float p_j (relative precision 6e-8 at any magnitude): the
        // first key, unless it underflowed, then the most probable one (Eq. 22–23), p renormalised in double
        int k = 0;
        if (!(p[0] > 1e-30f)) {
            for (int j = 1; j < end; j++) if (p[j] > p[k]) k = j;
        }
        logZ = s[k] - Math.log(p[k] / sp);
        nEff = sp * sp / sq;
        mass = sp;
    }

    /** Σ p over the keys of the last row (1 up to the model's float rounding). */
    public double mass() {
        return mass;
    }

    /** ln Z (Eq. 23). */
    public double logZ() {
        return logZ;
    }

    /** Free energy F = −T ln Z (Eq. 24). */
    public double freeEnergy(double T) {
        return -T * logZ;
    }

    /** Internal energy U = ⟨E⟩ = −T⟨s⟩ (Eq. 24). */
    public double internalEnergy(double T) {
        return -T * meanScore;
    }

    /** Entropy S = −Σ p ln p = ln Z − ⟨s⟩ (Eq. 24: S = (U − F)/T). */
    public double entropy() {
        return logZ - meanScore;
    }

    /** Specific heat C_v = Var(E)/T² = Var(s) (Eq. 28). */
    public double specificHeat() {
        return varScore;
    }

    /** Participation ratio 1/Σp² (p normalised). */
    public double nEff() {
        return nEff;
    }
}
