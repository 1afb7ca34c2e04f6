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
    /** Σp and Σp² of the last row. */
    private double sp, sq;

    /** Computes the statistics of keys 0 … end−1 of the row. */
    public void compute(float[] s, float[] p, int end) {
        if (!sums(s, p, end)) { // a masked key scored −∞ made 0·(−∞): redo with masked scores clamped
            float[] clamped = new float[end];
            for (int j = 0; j < end; j++) clamped[j] = Math.max(s[j], MASKED);
            s = clamped;
            sums(s, p, end);
        }
        varScore = variance(s, p, end, meanScore) / sp;
        // ln Z = s_j − ln p_j at any key with a normal float p_j (relative precision 6e-8 at any magnitude): the
        // first key, unless it underflowed, then the most probable one (Eq. 22–23), p renormalised in double
        int k = 0;
        if (!(p[0] > 1e-30f)) {
            for (int i = 1; i < end; i++) if (p[i] > p[k]) k = i;
        }
        logZ = s[k] - Math.log(p[k] / sp);
        nEff = sp * sp / sq;
        mass = sp;
    }

    /**
     * Σp, Σp·s and Σp² over keys [0, end) into sp, meanScore, sq; false when the mean is not finite. Four interleaved
     * partial sums per quantity: independent dependency chains, so the loop runs at the throughput of the
     * multiply–adds rather than the latency of one running sum, and no branch: the JIT can vectorise it.
     */
    private boolean sums(float[] s, float[] p, int end) {
        double sp0 = 0, sp1 = 0, sp2 = 0, sp3 = 0, m0 = 0, m1 = 0, m2 = 0, m3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int j = 0;
        for (; j + 3 < end; j += 4) {
            double a = p[j], b = p[j + 1], c = p[j + 2], d = p[j + 3];
            sp0 += a;
            sp1 += b;
            sp2 += c;
            sp3 += d;
            m0 += a * s[j];
            m1 += b * s[j + 1];
            m2 += c * s[j + 2];
            m3 += d * s[j + 3];
            q0 += a * a;
            q1 += b * b;
            q2 += c * c;
            q3 += d * d;
        }
        for (; j < end; j++) {
            double a = p[j];
            sp0 += a;
            m0 += a * s[j];
            q0 += a * a;
        }
        sp = (sp0 + sp1) + (sp2 + sp3);
        sq = (q0 + q1) + (q2 + q3);
        meanScore = ((m0 + m1) + (m2 + m3)) / sp;
        return Double.isFinite(meanScore);
    }

    /** Σ p (s − mean)² over keys [0, end): the two-pass variance, four partial sums, no branch. */
    private static double variance(float[] s, float[] p, int end, double mean) {
        double v0 = 0, v1 = 0, v2 = 0, v3 = 0;
        int j = 0;
        for (; j + 3 < end; j += 4) {
            double d0 = s[j] - mean, d1 = s[j + 1] - mean;
            double d2 = s[j + 2] - mean, d3 = s[j + 3] - mean;
            v0 += p[j] * d0 * d0;
            v1 += p[j + 1] * d1 * d1;
            v2 += p[j + 2] * d2 * d2;
            v3 += p[j + 3] * d3 * d3;
        }
        for (; j < end; j++) {
            double d = s[j] - mean;
            v0 += p[j] * d * d;
        }
        return (v0 + v1) + (v2 + v3);
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
