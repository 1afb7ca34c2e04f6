package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

import java.util.SplittableRandom;

/**
 * A reproducible synthetic attention head: Gaussian keys, and queries that point at a few "relevant" keys plus
 * isotropic noise — enough structure for a non-trivial energy landscape. Identical output for identical seeds.
 *
 * @param q queries [n × d_k]
 * @param k keys [n × d_k]
 */
public record SyntheticHead(double[][] q, double[][] k) {

    /** Generates an n-token head of key dimension {@code dk} with the given {@code seed}. */
    public static SyntheticHead generate(int n, int dk, long seed) {
        if (n < 1 || dk < 1) throw new InvalidInputException("n and d_k must be >= 1");
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] k = new double[n][dk];
        double[][] q = new double[n][dk];
        for (double[] row : k) for (int c = 0; c < dk; c++) row[c] = rng.nextGaussian();
        for (int i = 0; i < n; i++) {
            int target = rng.nextInt(i + 1); // a relevant earlier (or own) token
            for (int c = 0; c < dk; c++) q[i][c] = 0.35 * k[target][c] + 0.8 * rng.nextGaussian();
        }
        return new SyntheticHead(q, k);
    }
}
