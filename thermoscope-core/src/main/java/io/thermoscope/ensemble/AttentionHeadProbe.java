package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Thermodynamics of one attention head from its queries Q [n_q × d_k] and keys K [n_k × d_k]: energies
 * E_ij = −q_i·k_j (Eq. 7) at temperature T = √d_k (Eq. 9) unless overridden; one Boltzmann ensemble per query,
 * aggregated over queries, plus the paper's experimental proxy Var(QKᵀ/√d_k) over all visible entries.
 */
public final class AttentionHeadProbe {

    /**
     * The probe's result.
     *
     * @param dk        key dimension
     * @param T         temperature used
     * @param perQuery  one ensemble per query (queries that see no key are skipped and counted)
     * @param aggregate means over queries
     * @param cvProxy   Var over visible entries of q·k/√d_k — the estimator the paper's experiment uses for C_v
     * @param skippedQueries queries whose mask hides every key
     */
    public record Result(int dk, double T, List<EnsembleStatistics> perQuery, Aggregate aggregate, double cvProxy,
                         int skippedQueries) {
    }

    /**
     * Query-averaged statistics, each the arithmetic mean over queries, with the spread of C_v.
     *
     * @param queries number of queries averaged
     * @param logZ mean ln Z
     * @param F    mean free energy
     * @param U    mean internal energy
     * @param S    mean entropy
     * @param Cv   mean specific heat (Eq. 28 per query, then averaged)
     * @param CvStd standard deviation of C_v over queries
     * @param varE mean energy variance
     * @param nEff mean participation ratio
     */
    public record Aggregate(int queries, double logZ, double F, double U, double S, double Cv, double CvStd,
                            double varE, double nEff) {
    }

    private AttentionHeadProbe() {
    }

    /** Probes a head; {@code temperature} ≤ 0 or NaN selects the structural T = √d_k. */
    public static Result probe(double[][] q, double[][] k, AttentionMask mask, double temperature) {
        if (q.length == 0 || k.length == 0) throw new InvalidInputException("Q and K need at least one row each");
        int dk = q[0].length;
        if (k[0].length != dk) {
            throw new InvalidInputException("shape mismatch: Q has d_k = " + dk + " columns but K has " + k[0].length);
        }
        for (double[] row : q) if (row.length != dk) throw new InvalidInputException("Q is ragged");
        for (double[] row : k) if (row.length != dk) throw new InvalidInputException("K is ragged");
        for (double[] row : q) InvalidInputException.requireAllFinite("Q", row);
        for (double[] row : k) InvalidInputException.requireAllFinite("K", row);
        if (mask instanceof AttentionMask.Explicit ex
                && (ex.allowed().length != q.length || (ex.allowed().length > 0 && ex.allowed()[0].length != k.length))) {
            throw new InvalidInputException("mask must be [" + q.length + " × " + k.length + "]");
        }
        double T = Double.isNaN(temperature) || temperature <= 0 ? Math.sqrt(dk) : temperature; // T = √d_k (Eq. 9)
        InvalidInputException.requirePositive("temperature T", T);
        // |q·k| ≤ d_k max|q| max|k| may pass 1.8e308: then Q and T are scaled by 2^−shift (exactly), the ensembles
        // computed at that scale, and the energy-valued results scaled back (±∞ where beyond the double range)
        int shift = Math.max(0, Math.getExponent(maxAbs(q)) + Math.getExponent(maxAbs(k))
                + 32 - Integer.numberOfLeadingZeros(dk) + 2 - 1000);
        if (shift > 0) {
            double f = Math.scalb(1.0, -shift);
            double[][] qs = new double[q.length][];
            for (int i = 0; i < q.length; i++) {
                qs[i] = q[i].clone();
                for (int c = 0; c < dk; c++) qs[i][c] *= f;
            }
            Result r = probe(qs, k, mask, T * f);
            double back = Math.scalb(1.0, shift);
            List<EnsembleStatistics> rows = r.perQuery().stream().map(st -> st.withEnergyScale(back)).toList();
            return new Result(dk, T, rows, aggregate(rows), r.cvProxy() * back * back, r.skippedQueries());
        }
        int nq = q.length, nk = k.length;
        BoltzmannEnsemble ensemble = new BoltzmannEnsemble(nk);
        double[] e = new double[nk];
        List<EnsembleStatistics> rows = new ArrayList<>(nq);
        double invRoot = 1 / Math.sqrt(dk);
        // proxy Var(QKᵀ/√d_k): running mean/variance over all visible entries (Welford)
        long count = 0;
        double mean = 0, m2 = 0;
        int skipped = 0;
        for (int i = 0; i < nq; i++) {
            int m = 0;
            for (int j = 0; j < nk; j++) {
                if (!mask.visible(i, j, nq, nk)) continue;
                double dot = 0;
                for (int c = 0; c < dk; c++) dot += q[i][c] * k[j][c];
                e[m++] = -dot; // E_ij = −q_i·k_j (Eq. 7)
                double x = dot * invRoot;
                count++;
                double d = x - mean;
                mean += d / count;
                m2 += d * (x - mean);
            }
            if (m == 0) {
                skipped++;
                continue;
            }
            rows.add(ensemble.compute(e, 0, m, T));
        }
        if (rows.isEmpty()) throw new InvalidInputException("the mask hides every key from every query");
        return new Result(dk, T, rows, aggregate(rows), m2 / count, skipped);
    }

    private static double maxAbs(double[][] m) {
        double x = Double.MIN_NORMAL;
        for (double[] row : m) for (double v : row) x = Math.max(x, Math.abs(v));
        return x;
    }

    /** Arithmetic means over queries of every statistic, and the standard deviation of C_v. */
    public static Aggregate aggregate(List<EnsembleStatistics> rows) {
        int n = rows.size();
        double logZ = 0, f = 0, u = 0, s = 0, cv = 0, varE = 0, nEff = 0;
        for (EnsembleStatistics r : rows) {
            logZ += r.logZ();
            f += r.F();
            u += r.U();
            s += r.S();
            cv += r.Cv();
            varE += r.varE();
            nEff += r.nEff();
        }
        double cvMean = cv / n, ss = 0;
        for (EnsembleStatistics r : rows) ss += (r.Cv() - cvMean) * (r.Cv() - cvMean);
        return new Aggregate(n, logZ / n, f / n, u / n, s / n, cvMean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
                varE / n, nEff / n);
    }
}
