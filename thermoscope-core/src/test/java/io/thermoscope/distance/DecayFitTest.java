package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecayFitTest {

    /** Exact causal attention row of length position+1 with mass ∝ d^−γ e^−λd on distances 1..position (none on self). */
    static double[] row(int keys, int position, double g, double l) {
        double[] r = new double[keys];
        double z = 0;
        for (int d = 1; d <= position; d++) z += r[position - d] = Math.pow(d, -g) * Math.exp(-l * d);
        for (int j = 0; j < keys; j++) r[j] /= z;
        return r;
    }

    @Test
    void noiselessProfilesRecoverTheLawExactly() {
        for (double g : new double[]{0.3, 1.0, 1.8}) {
            for (double l : new double[]{0.0, 0.05}) {
                int k = 64;
                double[][] att = new double[k][];
                for (int i = 0; i < k; i++) att[i] = row(k, i, g, l);
                DecayFit.Result r = DecayFit.fit(att, DistanceProfile.Queries.ALL, DistanceProfile.Direction.PAST,
                        DecayFit.Options.defaults().withBootstrap(50));
                assertTrue(r.mle().converged());
                assertEquals(g, r.mle().gamma(), 1e-9, "MLE γ");
                assertEquals(l, r.mle().lambda(), 1e-9, "MLE λ");
                assertEquals(63, r.profiles());            // query 0 has no past
                assertEquals(1.0, r.r2(), 1e-12, "R² of the exact law on its own supports");
                // one query (a single support): the law describes it exactly, and OLS recovers a pure power law;
                // averaging queries with different supports bends the mean profile (the log–log estimator's weakness)
                DecayFit.Result last = DecayFit.fit(att, DistanceProfile.Queries.LAST, DistanceProfile.Direction.PAST,
                        DecayFit.Options.defaults().withBootstrap(0));
                assertEquals(1.0, last.r2(), 1e-12, "R² of the exact law on one query");
                if (l == 0) assertEquals(g, last.ols().gamma(), 1e-9, "OLS γ on a pure power law");
                // every bootstrap replicate of noiseless data gives the truth, so the interval collapses onto it
                assertEquals(g, r.mle().gammaLo(), 1e-8);
                assertEquals(g, r.mle().gammaHi(), 1e-8);
            }
        }
    }

    @Test
    void bidirectionalFoldingUsesBothSides() {
        int k = 41;
        double g = 1.4, l = 0.0;
        double[][] att = new double[k][k];
        for (int i = 0; i < k; i++) {
            double z = 0;
            for (int j = 0; j < k; j++) if (j != i) z += att[i][j] = Math.pow(Math.abs(i - j), -g);
            for (int j = 0; j < k; j++) att[i][j] /= z;
        }
        DecayFit.Result r = DecayFit.fit(att, DistanceProfile.Queries.ALL, DistanceProfile.Direction.BOTH,
                DecayFit.Options.defaults().withBootstrap(0).withFitLambda(false));
        assertEquals(g, r.mle().gamma(), 1e-9);
        assertEquals("B", r.phase());
        assertTrue(Double.isNaN(r.mle().gammaLo()));
        assertEquals("none", r.bootstrapUnit());
    }

    @Test
    void lambdaIsNeverNegative() {
        // mass growing with distance at the far end (λ < 0 would fit better): the boundary fit λ = 0 is returned
        int k = 50;
        double[][] att = new double[1][k];
        double z = 0;
        for (int d = 1; d < k; d++) z += att[0][k - 1 - d] = Math.pow(d, -1.2) * Math.exp(0.03 * d);
        for (int j = 0; j < k; j++) att[0][j] /= z;
        DecayFit.Result r = DecayFit.fit(att, DistanceProfile.Queries.LAST, DistanceProfile.Direction.PAST,
                DecayFit.Options.defaults().withBootstrap(20));
        assertEquals(0.0, r.mle().lambda(), 0.0);
        assertEquals("distances", r.bootstrapUnit());
    }

    /**
     * Synthetic attention drawn from a known law (each of 40 queries is the empirical distribution of 150 draws from
     * d^−γ e^−λd on its own causal support): the 95 % bootstrap intervals must cover the truth in roughly 95 % of
     * 150 repetitions. Binomial σ at 95 % over 150 repetitions is 1.8 %, so we accept [0.89, 0.99].
     */
    @Test
    void bootstrapIntervalsCoverTheTruth() {
        double g = 1.3, l = 0.02;
        int reps = 150, queries = 40, draws = 150, keys = 96;
        SplittableRandom rng = new SplittableRandom(20261123L);
        int coverG = 0, coverL = 0;
        for (int rep = 0; rep < reps; rep++) {
            List<DistanceProfile> profiles = new ArrayList<>();
            for (int qi = 0; qi < queries; qi++) {
                int position = keys - queries + qi;
                double[] p = row(keys, position, g, l);
                double[] cdf = new double[position];
                double c = 0;
                for (int d = 1; d <= position; d++) cdf[d - 1] = c += p[position - d];
                double[] counts = new double[keys];
                for (int s = 0; s < draws; s++) {
                    double u = rng.nextDouble() * c;
                    int lo = 0, hi = position - 1;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (cdf[mid] >= u) hi = mid; else lo = mid + 1;
                    }
                    counts[position - (lo + 1)] += 1.0 / draws;
                }
                profiles.add(DistanceProfile.fromRow(counts, position, DistanceProfile.Direction.PAST));
            }
            DecayFit.Result r = DecayFit.fit(profiles, DecayFit.Options.defaults().withBootstrap(200).withSeed(rep));
            if (r.mle().gammaLo() <= g && g <= r.mle().gammaHi()) coverG++;
            if (r.mle().lambdaLo() <= l && l <= r.mle().lambdaHi()) coverL++;
        }
        double cg = (double) coverG / reps, cl = (double) coverL / reps;
        System.out.printf("decay-fit bootstrap coverage over %d draws: gamma %.3f, lambda %.3f%n", reps, cg, cl);
        assertTrue(cg >= 0.89 && cg <= 0.99, "γ coverage " + cg);
        assertTrue(cl >= 0.89 && cl <= 0.99, "λ coverage " + cl);
    }

    @Test
    void verdictCarriesTheInterval() {
        DecayFit.Estimate e = new DecayFit.Estimate("mle", 1.314, 1.22, 1.401, 0, 0, 0, "B", true, true);
        assertEquals("B, γ = 1.31 [1.22, 1.40]", e.verdict());
    }

    @Test
    void badInput() {
        assertThrows(InvalidInputException.class, () -> DecayFit.fit(List.of(), DecayFit.Options.defaults()));
        double[] bad = {0.5, Double.NaN, 0.5};
        assertThrows(InvalidInputException.class, () -> DistanceProfile.fromRow(bad, 2, DistanceProfile.Direction.PAST));
        assertNull(DistanceProfile.fromRow(new double[]{1, 0, 0}, 0, DistanceProfile.Direction.PAST));
        assertThrows(InvalidInputException.class, () -> new DecayFit.Options(0, true, 10, 1.5, 0.05, 0));
        assertFalse(DecayFit.Options.defaults().bootstrap() == 0);
    }
}
