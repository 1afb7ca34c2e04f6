package io.thermoscope.attention;

import java.util.SplittableRandom;

/** Attention passes with a known distance law per head, for the tests. */
final class SyntheticPasses {
    private SyntheticPasses() {
    }

    /**
     * One layer whose head h scores key j from query i as −γ_h ln|i − j| − λ|i − j| + noise (self: score {@code self});
     * {@code causal} masks later keys with −∞.
     */
    static AttentionPass distanceLaw(int n, double[] gammas, double lambda, double noise, double self, boolean causal,
                                     long seed) {
        int H = gammas.length;
        float[] s = new float[H * n * n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int h = 0; h < H; h++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int d = Math.abs(i - j);
                    double v = d == 0 ? self : -gammas[h] * Math.log(d) - lambda * d + noise * rng.nextGaussian();
                    if (causal && j > i) v = Double.NEGATIVE_INFINITY;
                    s[(h * n + i) * n + j] = (float) v;
                }
            }
        }
        return AttentionPass.ofScores(new float[][] {s}, H, n, Math.sqrt(32));
    }
}
