package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The effective first law dU = T dS − P dV_ctx + μ dN_eff (Kim 2026, Eq. 25) measured on attention: the
 * pressure P = −(∂F/∂V_ctx)_T is obtained by growing the context one key at a time and compared with the
 * ideal information gas P = T/V_ctx (Eq. 26); κ = P·V_ctx/(N_eff·T) is the equation-of-state constant.
 */
public final class FirstLaw {

    /**
     * One context length on the curve (query-averaged).
     *
     * @param V                  context length V_ctx (keys visible)
     * @param F                  mean free energy −T ln Z(V) (Eq. 24)
     * @param U                  mean internal energy
     * @param S                  mean entropy
     * @param pressure           P(V) = F(V−1) − F(V): the work of adding the V-th key (Eq. 25's P, ΔV = 1); NaN at V = 1
     * @param idealPressure      T/V (Eq. 26)
     * @param idealPressureExact T ln(V/(V−1)), the same finite difference for the ideal gas F = −T ln V
     * @param nEffAttention      mean participation ratio 1/Σp² of the attention at V
     * @param kappa              P·V/(N_eff·T) with the curve's N_eff
     */
    public record Point(int V, double F, double U, double S, double pressure, double idealPressure,
                        double idealPressureExact, double nEffAttention, double kappa) {
    }

    /**
     * A pressure–volume curve.
     *
     * @param T          temperature
     * @param nEff       N_eff used in κ
     * @param nEffSource where N_eff came from (e.g. {@code weights}, {@code given}, {@code unit})
     * @param queries    number of queries averaged
     * @param points     one point per context length 1 … V_max
     */
    public record Curve(double T, double nEff, String nEffSource, int queries, List<Point> points) {
    }

    /**
     * A macroscopic state for the identity dU = T dS − P dV + μ dN.
     *
     * @param U internal energy
     * @param S entropy
     * @param V context length
     * @param nEff effective rank N_eff
     * @param P pressure
     */
    public record State(double U, double S, double V, double nEff, double P) {
    }

    private FirstLaw() {
    }

    /**
     * Grows the context of each query (row of {@code energies}, keys in context order) from 1 to its length and
     * averages over queries at each V (rows shorter than V drop out of that V's average).
     */
    public static Curve growContext(double[][] energies, double T, double nEff, String nEffSource) {
        InvalidInputException.requirePositive("temperature T", T);
        InvalidInputException.requirePositive("N_eff", nEff);
        if (energies.length == 0) throw new InvalidInputException("no queries given");
        int vMax = 0;
        for (double[] row : energies) {
            InvalidInputException.requireAllFinite("energies", row);
            vMax = Math.max(vMax, row.length);
        }
        if (vMax < 2) throw new InvalidInputException("the first law needs a context of at least 2 keys");
        double[] fSum = new double[vMax + 1], uSum = new double[vMax + 1], sSum = new double[vMax + 1];
        double[] pSum = new double[vMax + 1], nSum = new double[vMax + 1];
        int[] count = new int[vMax + 1];
        BoltzmannEnsemble ensemble = new BoltzmannEnsemble(vMax);
        for (double[] row : energies) {
            double prevLogZ = Double.NaN;
            for (int v = 1; v <= row.length; v++) {
                EnsembleStatistics st = ensemble.compute(row, 0, v, T);
                fSum[v] += st.F();
                uSum[v] += st.U();
                sSum[v] += st.S();
                nSum[v] += st.nEff();
                if (v > 1) {
                    // P = −ΔF/ΔV = T[ln Z(V) − ln Z(V−1)] = T ln(1 + e^{−E_V/T}/Z(V−1)) (Eq. 25), via log1p
                    pSum[v] += T * Math.log1p(Math.exp(-row[v - 1] / T - prevLogZ));
                }
                prevLogZ = st.logZ();
                count[v]++;
            }
        }
        List<Point> pts = new ArrayList<>(vMax);
        for (int v = 1; v <= vMax; v++) {
            int c = count[v];
            double p = v == 1 ? Double.NaN : pSum[v] / c;
            pts.add(new Point(v, fSum[v] / c, uSum[v] / c, sSum[v] / c, p, T / v, // ideal gas P = T/V (Eq. 26)
                    v == 1 ? Double.NaN : T * Math.log((double) v / (v - 1)), nSum[v] / c,
                    p * v / (nEff * T))); // κ = P·V/(N_eff·T)
        }
        return new Curve(T, nEff, nEffSource, energies.length, pts);
    }

    /**
     * Pressure from any measured free-energy curve F(V) (e.g. a real model re-run at growing context):
     * central differences inside, one-sided at the ends. {@code v} must be strictly increasing.
     */
    public static double[] pressure(double[] v, double[] f) {
        if (v.length != f.length || v.length < 2) throw new InvalidInputException("need ≥ 2 (V, F) pairs of equal count");
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] > v[i - 1])) throw new InvalidInputException("context lengths must be strictly increasing");
        }
        double[] p = new double[v.length];
        int n = v.length;
        p[0] = -(f[1] - f[0]) / (v[1] - v[0]);
        p[n - 1] = -(f[n - 1] - f[n - 2]) / (v[n - 1] - v[n - 2]);
        for (int i = 1; i < n - 1; i++) {
            // non-uniform central difference of −∂F/∂V (Eq. 25's P), second order
            double h1 = v[i] - v[i - 1], h2 = v[i + 1] - v[i];
            p[i] = -(h1 * h1 * f[i + 1] - h2 * h2 * f[i - 1] + (h2 * h2 - h1 * h1) * f[i]) / (h1 * h2 * (h1 + h2));
        }
        return p;
    }

    /** κ = P·V/(N_eff·T) pointwise (the equation-of-state constant). */
    public static double[] kappa(double[] v, double[] p, double nEff, double T) {
        double[] k = new double[v.length];
        for (int i = 0; i < v.length; i++) k[i] = p[i] * v[i] / (nEff * T);
        return k;
    }

    /**
     * The chemical potential as the identity defines it (Eq. 25): μ = (ΔU − T ΔS + P̄ ΔV)/ΔN_eff between two
     * states, P̄ the mean pressure of the two. Throws when N_eff does not change.
     */
    public static double chemicalPotential(State a, State b, double T) {
        double dN = b.nEff() - a.nEff();
        if (dN == 0) throw new InvalidInputException("μ is undefined: the two states have the same N_eff");
        double pBar = 0.5 * (a.P() + b.P());
        return ((b.U() - a.U()) - T * (b.S() - a.S()) + pBar * (b.V() - a.V())) / dN; // μ dN = dU − T dS + P dV
    }
}
