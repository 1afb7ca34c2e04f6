package io.thermoscope.train;

import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.DynamicalTemperature;
import io.thermoscope.ensemble.EnsembleStatistics;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;

/**
 * The thermodynamic monitor of one run: per layer and head, on a fixed probe set, the Boltzmann ensemble of every
 * query over its causally visible keys at T = √d_k, streamed query by query (no attention tensor is kept).
 * It reports C_v (Eq. 28, via {@link BoltzmannEnsemble}) of the "=" query — the one whose attention produces the
 * answer, over all k + 1 keys — separately from C_v averaged over the queries that see at least two keys (the
 * first position has one key and C_v = 0 always, so it is left out); the experiment's estimator
 * {@code cvProxy} = Var(QKᵀ/√d_k) over all unmasked entries; U, S, F, N_eff of the "=" query; and T_eff (Eq. 27)
 * from the head's W_Q, W_K via {@link DynamicalTemperature}.
 */
public final class ThermoMonitor {

    private ThermoMonitor() {
    }

    /**
     * Thermodynamics of one head, averaged over the probe's examples.
     *
     * @param cvAnswer C_v = Var_ρ(E)/T² (Eq. 28) of the "=" query
     * @param cvMean   C_v averaged over the queries with ≥ 2 keys
     * @param cvProxy  Var(q·k/√d_k) over every unmasked (query, key) entry of the probe
     * @param u        internal energy ⟨E⟩ of the "=" query (Eq. 24)
     * @param s        its entropy (Eq. 24)
     * @param f        its free energy −T ln Z (Eq. 24)
     * @param nEff     its participation ratio 1/Σρ²
     * @param tEff     dynamical temperature √d_k/(‖W_Q‖_F‖W_K‖_F) (Eq. 27)
     */
    public record HeadThermo(double cvAnswer, double cvMean, double cvProxy, double u, double s, double f,
                             double nEff, double tEff) {}

    /**
     * Measures every head of run {@code run} from the batch's captured queries and keys ([S, B, H, seq, d_k] per
     * layer) and the flat parameter buffer's host copy. Result indexed [layer][head].
     */
    public static HeadThermo[][] measure(GrokConfig cfg, BatchedTransformer.Capture capture, int run,
                                         ParameterLayout layout, float[] flatParams) {
        GrokConfig.Model m = cfg.model();
        int h = m.heads(), dk = m.dk(), s = cfg.task().sequenceLength();
        long probe = capture.q().get(0).length / ((long) layout.runs() * h * s * dk);
        double temperature = Math.sqrt(dk); // T = √d_k (Eq. 9)
        HeadThermo[][] out = new HeadThermo[m.layers()][h];
        BoltzmannEnsemble ensemble = new BoltzmannEnsemble(s);
        double[] energies = new double[s];
        int entries = Math.toIntExact(probe * s * (s + 1) / 2);
        double[] scores = new double[entries];
        for (int l = 0; l < m.layers(); l++) {
            float[] q = capture.q().get(l), k = capture.k().get(l);
            float[] wq = layout.slice(flatParams, run, "L" + l + ".W_Q"), wk = layout.slice(flatParams, run, "L" + l + ".W_K");
            for (int hh = 0; hh < h; hh++) {
                double cvA = 0, cvM = 0, u = 0, ss = 0, f = 0, ne = 0;
                int e = 0;
                for (long b = 0; b < probe; b++) {
                    long base = (((run * probe) + b) * h + hh) * s * dk;
                    for (int i = 0; i < s; i++) {
                        for (int j = 0; j <= i; j++) {
                            double dot = 0;
                            for (int c = 0; c < dk; c++) dot += (double) q[(int) (base + i * dk + c)] * k[(int) (base + j * dk + c)];
                            energies[j] = -dot;                 // E_ij = −q_i·k_j (Eq. 7)
                            scores[e++] = dot / temperature;    // the proxy's entries q·k/√d_k
                        }
                        if (i == 0) continue;                   // one key: C_v = 0, left out of every average
                        EnsembleStatistics st = ensemble.compute(energies, 0, i + 1, temperature);
                        cvM += st.Cv();                         // C_v = Var(E)/T² (Eq. 28)
                        if (i == s - 1) {                       // the "=" query
                            cvA += st.Cv();
                            u += st.U();
                            ss += st.S();
                            f += st.F();
                            ne += st.nEff();
                        }
                    }
                }
                double tEff = teff(columns(wq, m.dModel(), h * dk, hh * dk, dk),
                        columns(wk, m.dModel(), h * dk, hh * dk, dk)).teffFrobenius(); // Eq. 27
                out[l][hh] = new HeadThermo(cvA / probe, cvM / (probe * (s - 1)), variance(scores), u / probe,
                        ss / probe, f / probe, ne / probe, tEff);
            }
        }
        return out;
    }

    /**
     * {@link DynamicalTemperature#of} of the head's W_Q, W_K [d_model × d_k], computed on the equivalent 2d_k-row
     * pair: with the thin QR factorisation [W_Q W_K] = Q [R_Q R_K] (Q with orthonormal columns), W_Q and R_Q share
     * Frobenius and spectral norms and W_Q W_Kᵀ = Q (R_Q R_Kᵀ) Qᵀ shares its singular values with R_Q R_Kᵀ, so every
     * field is unchanged while the SVDs shrink from d_model² to (2d_k)². Used as is when 2d_k ≥ d_model.
     */
    public static DynamicalTemperature teff(double[][] wq, double[][] wk) {
        int rows = wq.length, dk = wq[0].length;
        if (2 * dk >= rows) return DynamicalTemperature.of(wq, wk);
        double[][] both = new double[rows][2 * dk];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(wq[r], 0, both[r], 0, dk);
            System.arraycopy(wk[r], 0, both[r], dk, dk);
        }
        double[][] rr = new QRDecomposition(MatrixUtils.createRealMatrix(both)).getR().getData(); // [rows × 2dk]
        double[][] rq = new double[2 * dk][dk], rk = new double[2 * dk][dk];
        for (int r = 0; r < 2 * dk; r++) {
            System.arraycopy(rr[r], 0, rq[r], 0, dk);
            System.arraycopy(rr[r], dk, rk[r], 0, dk);
        }
        return DynamicalTemperature.of(rq, rk);
    }

    /** Population variance, two-pass. */
    static double variance(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double s = 0, c = 0;
        for (double v : x) {
            double d = v - mean;
            s += d * d;
            c += d;
        }
        return (s - c * c / x.length) / x.length;
    }

    /** Columns [from, from+width) of a row-major [rows × cols] float matrix, as doubles. */
    private static double[][] columns(float[] a, int rows, int cols, int from, int width) {
        double[][] out = new double[rows][width];
        for (int r = 0; r < rows; r++) for (int c = 0; c < width; c++) out[r][c] = a[r * cols + from + c];
        return out;
    }
}
