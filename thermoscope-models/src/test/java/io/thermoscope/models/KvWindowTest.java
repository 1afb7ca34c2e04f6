package io.thermoscope.models;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window of 90 % of a causal query's attention, counted back from its own key, and its growth with context. */
class KvWindowTest {
    @Test
    void windowCountsKeysBackFromTheQuery() {
        // layer 0: row 2 puts (0.05, 0.15, 0.8) on keys 0, 1, 2 → 90 % needs keys 2 and 1 (W = 2); row 1: (0.5, 0.5) → W = 2
        double[][] a = {{0}, {0, 0}, {Math.log(0.05), Math.log(0.15), Math.log(0.8)}};
        Forward f = DepthObservablesTest.pass(new double[][][] {a});
        assertArrayEquals(new int[] {1, 2, 2}, KvWindow.of(f, new int[] {1, 2, 3}, 0.9)[0]);
        assertArrayEquals(new int[] {1, 1, 1}, KvWindow.of(f, new int[] {1, 2, 3}, 0.5)[0]);
    }

    @Test
    void growthExponentIsTheLogLogSlope() {
        assertEquals(1, KvWindow.growthExponent(new int[] {16, 32, 64}, new double[] {4, 8, 16}), 1e-12);
        assertEquals(0, KvWindow.growthExponent(new int[] {16, 32, 64}, new double[] {5, 5, 5}), 1e-12);
    }
}
