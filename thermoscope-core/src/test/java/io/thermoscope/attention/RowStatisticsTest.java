package io.thermoscope.attention;

import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RowStatisticsTest {

    /** The statistics from (scores, float probabilities) agree with the exponential-based ensemble of E = −s·T. */
    @Test
    void agreesWithTheBoltzmannEnsembleOfTheSameEnergies() {
        SplittableRandom rng = new SplittableRandom(3);
        double T = Math.sqrt(32);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + rng.nextInt(600);
            int visible = trial % 2 == 0 ? n : 1 + rng.nextInt(n); // odd trials: later keys masked (causal row)
            float[][] scores = new float[1][n * n];
            double scale = rng.nextDouble(0.1, 8);
            for (int j = 0; j < n; j++) scores[0][j] = j < visible ? (float) (scale * rng.nextGaussian()) : Float.NEGATIVE_INFINITY;
            AttentionPass pass = AttentionPass.ofScores(scores, 1, n, T);
            float[] s = new float[n], p = new float[n];
            pass.scores(0, 0, 0, s);
            pass.probabilities(0, 0, 0, p);
            RowStatistics r = new RowStatistics();
            r.compute(s, p, n);
            double[] e = new double[visible];
            for (int j = 0; j < visible; j++) e[j] = -s[j] * T; // E = −s·T (Eq. 7)
            EnsembleStatistics ref = BoltzmannEnsemble.of(e, T);
            double tol = 2e-6 * (1 + scale);
            assertEquals(ref.logZ(), r.logZ(), tol, "ln Z");
            assertEquals(ref.F(), r.freeEnergy(T), tol * T, "F");
            assertEquals(ref.U(), r.internalEnergy(T), tol * T, "U");
            assertEquals(ref.S(), r.entropy(), tol, "S");
            assertEquals(ref.Cv(), r.specificHeat(), 1e-5 * (1 + ref.Cv()), "C_v");
            assertEquals(ref.nEff(), r.nEff(), 1e-5 * ref.nEff(), "N_eff");
        }
    }

    @Test
    void masksAreDetectedFromTheProbabilities() {
        assertEquals(Masking.CAUSAL, Masking.detect(SyntheticPasses.distanceLaw(40, new double[] {0.5, 1.5}, 0, 0.3,
                1, true, 1)));
        assertEquals(Masking.BIDIRECTIONAL, Masking.detect(SyntheticPasses.distanceLaw(40, new double[] {0.5, 1.5}, 0,
                0.3, 1, false, 1)));
        assertEquals(5, Masking.CAUSAL.keysEnd(4, 10));
        assertEquals(10, Masking.BIDIRECTIONAL.keysEnd(4, 10));
    }
}
