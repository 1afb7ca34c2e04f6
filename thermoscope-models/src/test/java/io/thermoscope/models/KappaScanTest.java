package io.thermoscope.models;

import io.thermoscope.ensemble.DynamicalTemperature;
import io.thermoscope.ensemble.FreeEnergyMinimiser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** κ(V) scan pieces: F from the exposed scores, weight ranks against an SVD, the convergence rule. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KappaScanTest {

    AttentionModel model;

    @BeforeAll
    void load() {
        model = AttentionModel.load(ModelSource.MINILM);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void meanFreeEnergyIsMinusTLogSumExpOfTheScores() {
        Forward f = model.forward("Free energy of attention at a short context.");
        double T = Math.sqrt(32);
        double[] ours = KappaScan.meanFreeEnergyAndNEff(f, T);
        int n = f.tokens();
        double sum = 0, sumN = 0;
        for (int l = 0; l < f.layers(); l++) {
            for (int h = 0; h < f.heads(); h++) {
                for (int i = 0; i < n; i++) {
                    double z = 0, q = 0;
                    for (int j = 0; j < n; j++) {
                        z += Math.exp(f.score(l, h, i, j) * T / T); // exp(−E/T), E = −score·T
                        double p = f.prob(l, h, i, j);
                        q += p * p;
                    }
                    sum += -T * Math.log(z);
                    sumN += 1 / q;
                }
            }
        }
        int c = f.layers() * f.heads() * n;
        assertEquals(sum / c, ours[0], 1e-9 * Math.abs(sum / c));
        assertEquals(sumN / c, ours[1], 1e-5 * sumN / c); // ORT's float32 probabilities
    }

    @Test
    void headRankEqualsTheSvdParticipationRatio() {
        Forward f = model.forward("Rank of the query-key map.");
        double[][] ranks = model.headRanks(f);
        assertEquals(6, ranks.length);
        double[][][][] w = model.projections();
        for (int[] lh : new int[][] {{0, 0}, {3, 7}, {5, 11}}) {
            double[][] wq = ProjectionWeights.head(w[lh[0]][0], lh[1], 32);
            double[][] wk = ProjectionWeights.head(w[lh[0]][1], lh[1], 32);
            assertEquals(384, wq.length);
            double svd = DynamicalTemperature.of(wq, wk).nEffQK();
            assertEquals(svd, ranks[lh[0]][lh[1]], 1e-8 * svd);
            assertTrue(svd > 1 && svd <= 32, "N_eff " + svd);
        }
    }

    @Test
    void participationRatioOfRandomMatricesMatchesTheSvd() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] a = new double[20][5], b = new double[20][5];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 5; j++) {
                a[i][j] = rng.nextGaussian();
                b[i][j] = rng.nextGaussian() * (j + 1);
            }
        }
        double svd = DynamicalTemperature.of(a, b).nEffQK();
        assertEquals(svd, ProjectionWeights.participationRatio(a, b), 1e-10 * svd);
    }

    @Test
    void energiesAreMinusScoreTimesTAndSoftmaxIsTheirFreeEnergyMinimiser() {
        String prompt = "Softmax minimises the free energy.";
        double[][] e = model.energies(prompt, 2, 5);
        Forward f = model.forward(prompt);
        double T = Math.sqrt(32);
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) assertEquals(-f.score(2, 5, i, j) * T, e[i][j], 1e-12);
            // an independent minimiser of F[ρ] = Σρ E + T Σρ ln ρ lands on the model's own attention row
            FreeEnergyMinimiser.Result r = new FreeEnergyMinimiser().minimise(e[i], T);
            assertTrue(r.converged());
            for (int j = 0; j < e.length; j++) assertEquals(f.prob(2, 5, i, j), r.rho()[j], 1e-6);
        }
    }

    static List<KappaResult.Point> curve(double[] v, double[] k) {
        List<KappaResult.Point> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            out.add(new KappaResult.Point((int) v[i], 1, 0, 0, 0, 1, 1, k[i], 0, k[i], k[i]));
        }
        return out;
    }

    @Test
    void convergenceRuleOnClosedFormCurves() {
        double[] v = new double[33];
        double[] conv = new double[33], osc = new double[33];
        for (int i = 0; i < 33; i++) {
            v[i] = 16 + 15.5 * i; // 16 … 512
            conv[i] = 1 + 4 / v[i];                           // κ → 1, 1/V approach
            osc[i] = 1 + 0.2 * Math.sin(v[i] / 10);            // never settles
        }
        KappaResult.Convergence c = KappaScan.convergence(curve(v, conv), 0.05);
        assertTrue(c.converged());
        // last quarter V ≥ 388: mean of 1 + 4/V; within 5 % once 4/V − (mean − 1) ≤ 0.05·mean → V ≥ 16 + 15.5·i
        double mean = 0;
        int n = 0;
        for (int i = 0; i < 33; i++) {
            if (v[i] >= 512 - (512 - 16) / 4.0) {
                mean += conv[i];
                n++;
            }
        }
        mean /= n;
        int expected = -1;
        for (int i = 32; i >= 0; i--) {
            if (Math.abs(conv[i] - mean) > 0.05 * mean) break;
            expected = (int) v[i];
        }
        assertEquals(expected, c.fromV());
        assertEquals(mean, c.value(), 1e-12);
        KappaResult.Convergence o = KappaScan.convergence(curve(v, osc), 0.05);
        assertFalse(o.converged());
        assertTrue(o.verdict().startsWith("does not converge"));
        double[] flatEnd = new double[33];
        for (int i = 0; i < 33; i++) flatEnd[i] = i < 32 ? 1 : 2; // jump at the very end: no from-V
        assertNull(KappaScan.convergence(curve(v, flatEnd), 0.05).fromV());
    }

    @Test
    void embeddedPassagesFillTheWholeContext() {
        List<String> passages = DefaultCorpus.passages();
        assertEquals(2, passages.size());
        for (String p : passages) assertTrue(model.tokenize(p).length > 540, "tokens " + model.tokenize(p).length);
        assertEquals(passages, DefaultCorpus.longPrompts(0, 4, 512).subList(0, 2));
    }

    @Test
    void gridIsLinearAndDistinct() {
        assertEquals(List.of(16, 32, 48, 64), java.util.Arrays.stream(KappaScan.grid(16, 64, 4)).boxed().toList());
        assertEquals(3, KappaScan.grid(3, 5, 10).length);
    }
}
