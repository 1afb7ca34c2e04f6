package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head probe, effective rank, dynamical temperature and first law against closed forms and direct sums. */
class HeadAndFirstLawTest {

    static double[][] gaussian(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int c = 0; c < cols; c++) row[c] = r.nextGaussian();
        return m;
    }

    @Test
    void probeMatchesADirectSoftmaxOfScaledScores() {
        double[][] q = gaussian(5, 8, 1), k = gaussian(7, 8, 2);
        AttentionHeadProbe.Result r = AttentionHeadProbe.probe(q, k, new AttentionMask.Causal(), Double.NaN);
        assertEquals(Math.sqrt(8), r.T(), 0);
        // causal with n_q = 5, n_k = 7: query i sees keys 0 … i + 2
        for (int i = 0; i < 5; i++) {
            int m = i + 3;
            double[] s = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                for (int c = 0; c < 8; c++) s[j] += q[i][c] * k[j][c] / Math.sqrt(8); // softmax(QKᵀ/√d_k) (Eq. 1)
                max = Math.max(max, s[j]);
            }
            double z = 0, u = 0, ent = 0;
            for (int j = 0; j < m; j++) z += Math.exp(s[j] - max);
            for (int j = 0; j < m; j++) {
                double p = Math.exp(s[j] - max) / z;
                u += p * (-s[j] * Math.sqrt(8));
                ent -= p * Math.log(p);
            }
            EnsembleStatistics st = r.perQuery().get(i);
            assertEquals(m, st.n());
            assertEquals(u, st.U(), 1e-12);
            assertEquals(ent, st.S(), 1e-12);
            assertEquals(max + Math.log(z), st.logZ(), 1e-12);
        }
    }

    @Test
    void proxyIsThePopulationVarianceOfScaledScores() {
        double[][] q = gaussian(4, 3, 3), k = gaussian(4, 3, 4);
        double sum = 0, sum2 = 0;
        double[] all = new double[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) {
            double d = 0;
            for (int c = 0; c < 3; c++) d += q[i][c] * k[j][c];
            all[4 * i + j] = d / Math.sqrt(3);
            sum += all[4 * i + j];
        }
        double mean = sum / 16;
        for (double x : all) sum2 += (x - mean) * (x - mean);
        assertEquals(sum2 / 16, AttentionHeadProbe.probe(q, k, new AttentionMask.Full(), Double.NaN).cvProxy(), 1e-13);
    }

    @Test
    void shapeMismatchAndHiddenKeysAreUserErrors() {
        assertThrows(InvalidInputException.class, () -> AttentionHeadProbe.probe(gaussian(2, 3, 1), gaussian(2, 4, 1),
                new AttentionMask.Full(), Double.NaN));
        boolean[][] none = new boolean[2][2];
        assertThrows(InvalidInputException.class, () -> AttentionHeadProbe.probe(gaussian(2, 3, 1), gaussian(2, 3, 1),
                new AttentionMask.Explicit(none), Double.NaN));
        double[][] bad = gaussian(2, 3, 1);
        bad[1][2] = Double.NaN;
        assertThrows(InvalidInputException.class, () -> AttentionHeadProbe.probe(bad, gaussian(2, 3, 1), new AttentionMask.Full(), 1));
    }

    @Test
    void effectiveRankOfKnownSpectra() {
        double[][] id = new double[6][6];
        for (int i = 0; i < 6; i++) id[i][i] = 2.5;
        double[] sv = EffectiveRank.singularValues(id);
        assertEquals(6, EffectiveRank.participationRatio(sv), 1e-12);
        assertEquals(6, EffectiveRank.entropyRank(sv), 1e-12);
        double[][] rank1 = {{1, 2}, {2, 4}, {3, 6}};
        assertEquals(1, EffectiveRank.participationRatio(EffectiveRank.singularValues(rank1)), 1e-12);
        assertEquals(Math.sqrt(1 + 4 + 4 + 16 + 9 + 36), EffectiveRank.frobeniusNorm(rank1), 1e-14);
        // participation ratio of σ = (3, 1): (9 + 1)² / (81 + 1)
        assertEquals(100.0 / 82, EffectiveRank.participationRatio(new double[] {3, 1}), 1e-15);
    }

    @Test
    void dynamicalTemperatureFallsAsTheSquareOfTheWeightScale() {
        double[][] wq = gaussian(16, 4, 5), wk = gaussian(16, 4, 6);
        DynamicalTemperature t1 = DynamicalTemperature.of(wq, wk);
        double g = 3;
        double[][] wq3 = new double[16][4], wk3 = new double[16][4];
        for (int i = 0; i < 16; i++) for (int c = 0; c < 4; c++) {
            wq3[i][c] = g * wq[i][c];
            wk3[i][c] = g * wk[i][c];
        }
        DynamicalTemperature t3 = DynamicalTemperature.of(wq3, wk3);
        assertEquals(t1.teffFrobenius() / (g * g), t3.teffFrobenius(), 1e-14 * t1.teffFrobenius()); // Eq. 27
        assertEquals(t1.teffSpectral() / (g * g), t3.teffSpectral(), 1e-12 * t1.teffSpectral());
        assertEquals(t1.nEffQK(), t3.nEffQK(), 1e-10);
        assertTrue(t1.nEffQK() >= 1 && t1.nEffQK() <= 4 + 1e-9, "W_Q W_Kᵀ has rank ≤ d_k = 4");
    }

    @Test
    void uniformAttentionIsAnIdealGas() {
        double T = 2.5;
        double[][] e = new double[3][40]; // equal energies: F(V) = −T ln V exactly
        FirstLaw.Curve c = FirstLaw.growContext(e, T, 4, "given");
        for (FirstLaw.Point p : c.points().subList(1, 40)) {
            double v = p.V();
            assertEquals(-T * Math.log(v), p.F(), 1e-13 * T * Math.log(v) + 1e-15);
            assertEquals(T * Math.log(v / (v - 1)), p.pressure(), 1e-14 * p.pressure());   // P = T ln(V/(V−1))
            assertEquals(p.pressure() * v / (4 * T), p.kappa(), 1e-15);
            assertEquals(v, p.nEffAttention(), 1e-12 * v);
        }
        // the ideal-gas P·V/T → 1 as V grows (Eq. 26)
        FirstLaw.Point last = c.points().get(39);
        assertEquals(1, last.pressure() * last.V() / T, 0.02);
    }

    @Test
    void pressureFromAFreeEnergyCurveIsExactForQuadratics() {
        double[] v = {1, 2, 4, 7, 11};
        double[] f = new double[v.length];
        for (int i = 0; i < v.length; i++) f[i] = 3 * v[i] * v[i] - 2 * v[i] + 1; // −dF/dV = −6V + 2
        double[] p = FirstLaw.pressure(v, f);
        for (int i = 1; i < v.length - 1; i++) assertEquals(-6 * v[i] + 2, p[i], 1e-12);
    }

    @Test
    void chemicalPotentialClosesTheIdentity() {
        FirstLaw.State a = new FirstLaw.State(1.0, 2.0, 10, 3, 0.5), b = new FirstLaw.State(1.4, 2.1, 12, 4, 0.3);
        double T = 2, mu = FirstLaw.chemicalPotential(a, b, T);
        // dU = T dS − P dV + μ dN (Eq. 25) must hold with P̄ = 0.4
        assertEquals(b.U() - a.U(), T * (b.S() - a.S()) - 0.4 * (b.V() - a.V()) + mu * (b.nEff() - a.nEff()), 1e-14);
        assertThrows(InvalidInputException.class, () -> FirstLaw.chemicalPotential(a, a, T));
    }

    @Test
    void temperatureScanPeaksBetweenTheFrozenAndTheHotLimits() {
        double[][] e = {{0, 1, 1, 1, 1, 1, 1, 1}}; // a two-level system with degeneracy 7: Schottky anomaly
        double[] temps = TemperatureScan.logSpace(0.01, 100, 400);
        var scan = TemperatureScan.scan(e, temps);
        int peak = 0;
        for (int i = 1; i < scan.size(); i++) if (scan.get(i).aggregate().Cv() > scan.get(peak).aggregate().Cv()) peak = i;
        // closed form: C = g x² e^{-x} /(1 + g e^{-x})² with x = 1/T, g = 7
        double T = scan.get(peak).T(), x = 1 / T, g = 7;
        double cv = g * x * x * Math.exp(-x) / Math.pow(1 + g * Math.exp(-x), 2);
        assertEquals(cv, scan.get(peak).aggregate().Cv(), 1e-13);
        assertTrue(peak > 0 && peak < 399, "interior peak");
    }
}
