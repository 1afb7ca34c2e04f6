package io.thermoscope.attention;

/**
 * Streaming query-weighted means of one head's Boltzmann statistics over every query of every pass, with the
 * standard deviation of C_v over queries (Welford's update, Chan's merge).
 */
public final class HeadThermodynamics {
    private long n;
    private double logZ, f, u, s, nEff, cv, cvM2;

    /** Adds one query's statistics at temperature {@code T}. */
    public void add(RowStatistics r, double T) {
        n++;
        double w = 1.0 / n;
        logZ += (r.logZ() - logZ) * w;
        f += (r.freeEnergy(T) - f) * w;
        u += (r.internalEnergy(T) - u) * w;
        s += (r.entropy() - s) * w;
        nEff += (r.nEff() - nEff) * w;
        double d = r.specificHeat() - cv;
        cv += d * w;
        cvM2 += d * (r.specificHeat() - cv);
    }

    /** Adds another accumulator's queries (parallel variance merge, Chan et al.). */
    public void merge(HeadThermodynamics o) {
        if (o.n == 0) return;
        long total = n + o.n;
        double w = (double) o.n / total;
        logZ += (o.logZ - logZ) * w;
        f += (o.f - f) * w;
        u += (o.u - u) * w;
        s += (o.s - s) * w;
        nEff += (o.nEff - nEff) * w;
        double d = o.cv - cv;
        cvM2 += o.cvM2 + d * d * n * (double) o.n / total;
        cv += d * w;
        n = total;
    }

    /** Queries aggregated. */
    public long queries() {
        return n;
    }

    /** Mean ln Z (Eq. 23). */
    public double logZ() {
        return logZ;
    }

    /** Mean free energy −T ln Z (Eq. 24). */
    public double freeEnergy() {
        return f;
    }

    /** Mean internal energy ⟨E⟩ (Eq. 24). */
    public double internalEnergy() {
        return u;
    }

    /** Mean entropy (Eq. 24). */
    public double entropy() {
        return s;
    }

    /** Mean specific heat Var(E)/T² (Eq. 28). */
    public double specificHeat() {
        return cv;
    }

    /** Standard deviation of C_v over queries (0 with one query). */
    public double specificHeatStd() {
        return n > 1 ? Math.sqrt(cvM2 / (n - 1)) : 0;
    }

    /** Mean participation ratio 1/Σp². */
    public double nEff() {
        return nEff;
    }

    /** The current means as a record. */
    public Summary summary() {
        return new Summary(n, logZ, f, u, s, cv, specificHeatStd(), nEff);
    }

    /**
     * One head's query-averaged thermodynamics.
     *
     * @param queries queries aggregated
     * @param logZ    mean ln Z (Eq. 23)
     * @param F       mean free energy −T ln Z (Eq. 24)
     * @param U       mean internal energy ⟨E⟩ (Eq. 24)
     * @param S       mean entropy (Eq. 24)
     * @param Cv      mean specific heat Var(E)/T² (Eq. 28)
     * @param CvStd   standard deviation of C_v over queries
     * @param nEff    mean participation ratio 1/Σp² of the attention rows
     */
    public record Summary(long queries, double logZ, double F, double U, double S, double Cv, double CvStd, double nEff) {
    }
}
