package io.thermoscope.attention;

import io.thermoscope.stats.MomentSketch;

import java.io.Serializable;
import java.util.List;

/**
 * One head's Boltzmann statistics over every query of every pass, as mergeable moment sketches
 * ({@link MomentSketch}: count, mean and central moments with the exact pairwise merge): per document the queries'
 * values enter as one two-pass sketch per statistic, merged into the head document by document. A corpus split
 * into parts — threads, Spark partitions — and merged in any tree gives the same means and spreads up to round-off
 * (≤ 1e-14 relative): the single-machine atlas and the distributed one are trees of the same per-document sketches.
 */
public final class HeadThermodynamics implements Serializable {

    /** The statistics kept per query. */
    enum Statistic {
        /** ln Z (Eq. 23). */
        LOG_Z,
        /** F = −T ln Z (Eq. 24). */
        FREE_ENERGY,
        /** U = ⟨E⟩ (Eq. 24). */
        INTERNAL_ENERGY,
        /** S (Eq. 24). */
        ENTROPY,
        /** C_v = Var(E)/T² (Eq. 28). */
        SPECIFIC_HEAT,
        /** Participation ratio 1/Σp². */
        N_EFF
    }

    private static final List<Statistic> STATISTICS = List.of(Statistic.values());

    private final MomentSketch[] sketches = new MomentSketch[STATISTICS.size()];

    /** No queries yet. */
    public HeadThermodynamics() {
        java.util.Arrays.fill(sketches, MomentSketch.empty());
    }

    /** One document's queries of one head, buffered so that each statistic enters as one two-pass sketch. */
    public static final class Queries {
        private final double[][] values;
        private int n;

        /** Room for {@code capacity} queries. */
        public Queries(int capacity) {
            values = new double[STATISTICS.size()][capacity];
        }

        /** Adds one query's statistics at temperature {@code T}. */
        public void add(RowStatistics r, double T) {
            values[Statistic.LOG_Z.ordinal()][n] = r.logZ();
            values[Statistic.FREE_ENERGY.ordinal()][n] = r.freeEnergy(T);
            values[Statistic.INTERNAL_ENERGY.ordinal()][n] = r.internalEnergy(T);
            values[Statistic.ENTROPY.ordinal()][n] = r.entropy();
            values[Statistic.SPECIFIC_HEAT.ordinal()][n] = r.specificHeat();
            values[Statistic.N_EFF.ordinal()][n] = r.nEff();
            n++;
        }
    }

    /** Adds one document's queries (each statistic as the two-pass sketch of its values, merged in). */
    public void add(Queries q) {
        for (Statistic s : STATISTICS) {
            sketches[s.ordinal()] = sketches[s.ordinal()].merge(MomentSketch.of(q.values[s.ordinal()], 0, q.n));
        }
    }

    /** Adds another accumulator's queries (the pairwise merge of every sketch). */
    public void merge(HeadThermodynamics o) {
        for (Statistic s : STATISTICS) sketches[s.ordinal()] = sketches[s.ordinal()].merge(o.sketches[s.ordinal()]);
    }

    private MomentSketch sketch(Statistic s) {
        return sketches[s.ordinal()];
    }

    /** Queries aggregated. */
    public long queries() {
        return sketch(Statistic.LOG_Z).count();
    }

    /** Mean ln Z (Eq. 23). */
    public double logZ() {
        return sketch(Statistic.LOG_Z).mean();
    }

    /** Mean free energy −T ln Z (Eq. 24). */
    public double freeEnergy() {
        return sketch(Statistic.FREE_ENERGY).mean();
    }

    /** Mean internal energy ⟨E⟩ (Eq. 24). */
    public double internalEnergy() {
        return sketch(Statistic.INTERNAL_ENERGY).mean();
    }

    /** Mean entropy (Eq. 24). */
    public double entropy() {
        return sketch(Statistic.ENTROPY).mean();
    }

    /** Mean specific heat Var(E)/T² (Eq. 28). */
    public double specificHeat() {
        return sketch(Statistic.SPECIFIC_HEAT).mean();
    }

    /** Standard deviation of C_v over queries (0 with one query). */
    public double specificHeatStd() {
        return queries() > 1 ? sketch(Statistic.SPECIFIC_HEAT).standardDeviation() : 0;
    }

    /** Mean participation ratio 1/Σp². */
    public double nEff() {
        return sketch(Statistic.N_EFF).mean();
    }

    /** The current means as a record. */
    public Summary summary() {
        return new Summary(queries(), logZ(), freeEnergy(), internalEnergy(), entropy(), specificHeat(),
                specificHeatStd(), nEff());
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
