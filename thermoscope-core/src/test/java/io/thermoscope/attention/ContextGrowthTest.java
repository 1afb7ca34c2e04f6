package io.thermoscope.attention;

import io.thermoscope.decision.Estimate;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextGrowthTest {

    @Test
    void theGridIsLogarithmicAndStopsAtThePass() {
        ContextGrowth g = new ContextGrowth(16, 4, 1, 1);
        int[] grid = g.grid(512);
        assertEquals(16, grid[0]);
        assertEquals(512, grid[grid.length - 1]);
        assertEquals(21, grid.length);
        assertArrayEquals(new int[] {16, 19, 23, 27, 32}, java.util.Arrays.copyOf(grid, 5));
        assertEquals(0, g.grid(15).length);
        assertThrows(InvalidInputException.class, () -> new ContextGrowth(3, 4, 1, 1));
    }

    /** ln Z(V) of the fixed queries is the log-sum-exp of their own scores over the admitted keys. */
    @Test
    void bidirectionalGrowthAdmitsKeysAroundTheFixedQueries() {
        int n = 96;
        AttentionPass pass = SyntheticPasses.distanceLaw(n, new double[] {0.4, 1.3}, 0.01, 0.5, 2, false, 7);
        ContextGrowth growth = new ContextGrowth(8, 2, 1, 1);
        ContextGrowth.Curve c = growth.measure(pass, Masking.BIDIRECTIONAL);
        float[] s = new float[n];
        for (int h = 0; h < 2; h++) {
            for (int g = 0; g < c.grid().length; g++) {
                int V = c.grid()[g];
                double all = 0, text = 0;
                for (int q = 1; q < 7; q++) {
                    pass.scores(0, h, q, s);
                    all += KeyWindows.logSumExp(s, 0, V - 1, n - 1, n) / 6;
                    text += KeyWindows.logSumExp(s, 1, V - 1, 0, 0) / 6;
                }
                assertEquals(all, c.lnZ()[0][h][g], 2e-6, "all keys, V = " + V);
                assertEquals(text, c.lnZText()[0][h][g], 2e-6, "text keys, V = " + V);
            }
        }
    }

    @Test
    void causalGrowthReadsTheQueryAtTheEndOfEachContext() {
        int n = 80;
        AttentionPass pass = SyntheticPasses.distanceLaw(n, new double[] {0.7}, 0, 0.5, 1, true, 9);
        assertEquals(Masking.CAUSAL, Masking.detect(pass));
        ContextGrowth growth = new ContextGrowth(8, 4, 0, 0);
        ContextGrowth.Curve c = growth.measure(pass, Masking.CAUSAL);
        float[] s = new float[n];
        for (int g = 0; g < c.grid().length; g++) {
            int V = c.grid()[g];
            pass.scores(0, 0, V - 1, s);
            assertEquals(KeyWindows.logSumExp(s, 0, V, 0, 0), c.lnZ()[0][0][g], 2e-6);
            assertEquals(c.lnZ()[0][0][g], c.lnZText()[0][0][g], 2e-6); // no special tokens
        }
    }

    /** Uniform attention is the ideal information gas: Z = V, so c = PV/T = 1 in every octave and κ = 1/N_eff. */
    @Test
    void uniformAttentionIsTheIdealGas() {
        int n = 256;
        float[][] zero = new float[2][3 * n * n];
        List<ContextGrowth.Curve> curves = new ArrayList<>();
        ContextGrowth growth = new ContextGrowth(16, 4, 1, 1);
        for (int d = 0; d < 5; d++) curves.add(growth.measure(AttentionPass.ofScores(zero, 3, n, 4), Masking.BIDIRECTIONAL));
        double[][] nEff = {{10, 20, 30}, {10, 20, 30}};
        Compressibility.Result r = Compressibility.analyse(curves, nEff, new ClusterBootstrap(100, 0.9, 1));
        assertEquals(List.of(new Compressibility.Window(128, 256), new Compressibility.Window(64, 128),
                new Compressibility.Window(32, 64), new Compressibility.Window(16, 32)), r.windows());
        for (Estimate c : r.c()) assertEquals(1, c.value(), 1e-6);
        assertEquals(0, r.relativeChange().value(), 1e-6);
        assertEquals(20, r.nEff(), 1e-12);
        assertEquals(1.0 / 20, r.kappa().value(), 1e-7);
        assertEquals(1.0 / 20, r.kappaIdeal(), 1e-15);
        assertEquals(1.0 / 30, r.heads().get(2).kappa(), 1e-7);
        // text keys: Z_text = V − 2, so c_text = d ln(V − 2)/d ln V > 1, → 1 as V grows
        assertTrue(r.cText().get(0).value() > 1 && r.cText().get(0).value() < r.cText().get(3).value());
    }

    /** Known slopes per head and document are recovered, with intervals from the documents' spread. */
    @Test
    void compressibilityRecoversSlopesAndTheirChange() {
        ContextGrowth growth = new ContextGrowth(16, 4, 1, 1);
        int[] grid = growth.grid(512);
        SplittableRandom rng = new SplittableRandom(5);
        List<ContextGrowth.Curve> curves = new ArrayList<>();
        int D = 40;
        for (int d = 0; d < D; d++) {
            double[][][] z = new double[1][2][grid.length], zt = new double[1][2][grid.length];
            double jitter = 0.05 * rng.nextGaussian();
            for (int g = 0; g < grid.length; g++) {
                double x = Math.log(grid[g]);
                z[0][0][g] = 3 + (0.3 + jitter) * x;                   // head 0: constant c = 0.3 (+ document jitter)
                z[0][1][g] = 1 + 0.05 * x * x;                          // head 1: c = 0.1 ln V, growing
                zt[0][0][g] = z[0][0][g];
                zt[0][1][g] = z[0][1][g];
            }
            curves.add(new ContextGrowth.Curve(grid, z, zt));
        }
        Compressibility.Result r = Compressibility.analyse(curves, null, new ClusterBootstrap(400, 0.9, 2));
        Estimate c0 = r.heads().get(0).c().get(0);
        assertEquals(0.3, c0.value(), 0.03);
        assertTrue(c0.low() < c0.value() && c0.value() < c0.high() && c0.high() - c0.low() < 0.06, c0.toString());
        // head 1: d(0.05 x²)/dx = 0.1 x at the octave's mean ln V (up to the rounding of the grid)
        double top = 0.1 * (Math.log(256) + Math.log(512)) / 2, prev = 0.1 * (Math.log(128) + Math.log(256)) / 2;
        assertEquals(top, r.heads().get(1).c().get(0).value(), 1e-4);
        assertEquals(prev, r.heads().get(1).c().get(1).value(), 1e-4);
        double mean = (0.3 + top) / 2, meanPrev = (0.3 + prev) / 2;
        assertEquals((mean - meanPrev) / meanPrev, r.relativeChange().value(), 0.01);
        assertTrue(Double.isNaN(r.kappa().value()));
        assertEquals(D, r.c().get(0).units());
    }
}
