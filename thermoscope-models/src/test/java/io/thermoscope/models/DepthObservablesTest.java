package io.thermoscope.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-layer C_v and entropy of attention rows and the Fisher–Rao distance between layers, on hand-made passes. */
class DepthObservablesTest {

    /** A causal pass of 2 layers, 1 head, 3 tokens whose scores per layer are given row by row (j ≤ i). */
    static Forward pass(double[][][] scores) {
        int layers = scores.length, n = 3;
        float[][] s = new float[layers][n * n], p = new float[layers][n * n];
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j <= i; j++) z += Math.exp(scores[l][i][j]);
                for (int j = 0; j < n; j++) {
                    s[l][i * n + j] = j <= i ? (float) scores[l][i][j] : -1e9f;
                    p[l][i * n + j] = j <= i ? (float) (Math.exp(scores[l][i][j]) / z) : 0f;
                }
            }
        }
        return new Forward(new long[n], new float[n][1], s, p, 1);
    }

    @Test
    void specificHeatEntropyAndDistanceFollowTheirDefinitions() {
        double[][] a = {{0}, {0, Math.log(3)}, {0, 0, 0}};   // rows: [1], [1/4, 3/4], [1/3, 1/3, 1/3]
        double[][] b = {{0}, {0, 0}, {0, 0, 0}};              // rows: [1], [1/2, 1/2], uniform
        DepthObservables o = DepthObservables.of(pass(new double[][][] {a, b}));
        // layer 0: query 1 has scores (0, ln 3) with p = (1/4, 3/4): Var = p(1−p)(ln 3)²; query 2 uniform equal scores: 0
        double var1 = 0.25 * 0.75 * Math.log(3) * Math.log(3);
        assertEquals(var1 / 2, o.cv()[0], 1e-6, "mean over the two queries that see >= 2 keys");
        double s1 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertEquals((s1 + Math.log(3)) / 2, o.entropy()[0], 1e-6);
        assertEquals(0, o.cv()[1], 1e-9);
        // distance over the queries that see two keys or more: query 1 2·acos(√(1/8) + √(3/8)), query 2 identical (0)
        double d1 = 2 * Math.acos(Math.sqrt(0.125) + Math.sqrt(0.375));
        assertEquals(d1 / 2, o.distance()[0], 1e-6);
    }

    @Test
    void relaxationSlopeIsNegativeWhenLaterLayersChangeLess() {
        DepthObservables settling = new DepthObservables(new double[4], new double[4], new double[] {0.9, 0.5, 0.2});
        assertTrue(settling.relaxationSlope() < 0);
        assertEquals(-0.7, settling.relaxationSlope(), 1e-12);
        DepthObservables m = DepthObservables.mean(List.of(settling,
                new DepthObservables(new double[] {1, 2, 3, 2}, new double[4], new double[] {0.1, 0.5, 0.8})));
        assertEquals(0.5, m.distance()[0], 1e-12);
        assertEquals(1.5, m.cvMax(), 1e-12);
    }
}
