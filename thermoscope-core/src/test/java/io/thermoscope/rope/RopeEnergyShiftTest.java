package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Eq. 36 measurement: zero when every token sits at the same position (a global phase) or when q, k live only in
 * a pair that does not rotate over the positions used; order one for generic heads at distinct positions; the
 * closed form on one pair.
 */
class RopeEnergyShiftTest {
    static double[][] gaussian(SplittableRandom r, int n, int d) {
        double[][] v = new double[n][d];
        for (double[] row : v) for (int j = 0; j < d; j++) row[j] = r.nextGaussian();
        return v;
    }

    static double[] positions(int n, double p0) {
        double[] p = new double[n];
        for (int t = 0; t < n; t++) p[t] = p0 + t;
        return p;
    }

    @Test
    void aCommonPositionCostsNothing() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] q = gaussian(r, 32, 16), k = gaussian(r, 32, 16);
        double[] same = new double[32];
        java.util.Arrays.fill(same, 417);
        RopeEnergyShift.Result res = RopeEnergyShift.measure(q, k, same, new RotaryEmbedding(16, 10_000), true);
        assertEquals(32 * 33 / 2, res.pairs());
        assertTrue(res.relativeChange() < 1e-13, "relative change " + res.relativeChange());
        assertTrue(res.meanFreeEnergyShift() < 1e-13);
    }

    @Test
    void featuresInTheSlowestPairBarelyMove() {
        // only the last pair (θ = base^(−(d−2)/d) ≈ 1.3e-4 for d = 16): over 32 positions the angles stay below 0.005
        SplittableRandom r = new SplittableRandom(2);
        int d = 16;
        double[][] q = new double[32][d], k = new double[32][d];
        for (int t = 0; t < 32; t++) {
            q[t][d - 2] = r.nextGaussian();
            q[t][d - 1] = r.nextGaussian();
            k[t][d - 2] = r.nextGaussian();
            k[t][d - 1] = r.nextGaussian();
        }
        RopeEnergyShift.Result res = RopeEnergyShift.measure(q, k, positions(32, 0), new RotaryEmbedding(d, 10_000), false);
        assertTrue(res.relativeChange() < 0.01, "relative change " + res.relativeChange());
    }

    @Test
    void genericHeadsMoveByOrderOne() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] q = gaussian(r, 64, 32), k = gaussian(r, 64, 32);
        RopeEnergyShift.Result res = RopeEnergyShift.measure(q, k, positions(64, 0), new RotaryEmbedding(32, 10_000), true);
        assertTrue(res.relativeChange() > 0.3 && res.relativeChange() < 2, "relative change " + res.relativeChange());
        assertTrue(res.meanFreeEnergyShift() > 0.01);
        assertTrue(res.byDistance()[0] < 1e-14, "a token with itself: same position, no change");
        assertTrue(res.byDistance()[1] > 0.1 && res.byDistance()[63] > 0.3);
    }

    @Test
    void onePairFollowsTheClosedForm() {
        // d = 2, θ = 1: E'_10 − E_10 = −q·(R_{−1} − 1)k for the query at position 1 and the key at 0
        double[][] q = {{1, 0}, {0.3, -0.7}}, k = {{0.5, 2}, {1, 1}};
        RopeEnergyShift.Result res = RopeEnergyShift.measure(q, k, new double[]{0, 1}, new RotaryEmbedding(2, 1), true);
        double c = Math.cos(-1), s = Math.sin(-1);
        double rk0 = c * 0.5 - s * 2, rk1 = s * 0.5 + c * 2;           // R_{−1} k_0
        double de10 = -(0.3 * rk0 - 0.7 * rk1) + (0.3 * 0.5 - 0.7 * 2);  // the only pair with m ≠ n
        double e2 = 0.5 * 0.5 + Math.pow(0.3 * 0.5 - 0.7 * 2, 2) + Math.pow(0.3 - 0.7, 2);
        assertEquals(Math.sqrt(de10 * de10 / e2), res.relativeChange(), 1e-14);
        assertEquals(de10 / 3, res.meanShift(), 1e-14);
    }

    @Test
    void rejectsMismatchedInput() {
        RotaryEmbedding rope = new RotaryEmbedding(2, 1);
        assertThrows(InvalidInputException.class, () -> RopeEnergyShift.measure(new double[][]{{1, 0}}, new double[][]{{1, 0}},
                new double[]{0, 1}, rope, true));
        assertThrows(InvalidInputException.class, () -> RopeEnergyShift.measure(new double[][]{{1, Double.NaN}},
                new double[][]{{1, 0}}, new double[]{0}, rope, true));
    }
}
