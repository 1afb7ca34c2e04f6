package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PooledProfilesTest {

    static final int[] GRID = {1, 2, 4, 8, 16, 32, 64, 128};

    /** Softmax rows of scores −γ ln|i − j| − λ|i − j| (+ noise), one per query, as float like a model's output. */
    static float[][] rows(int n, double gamma, double lambda, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] p = new float[n][n];
        for (int i = 0; i < n; i++) {
            double[] s = new double[n];
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int j = 0; j < n; j++) {
                int d = Math.abs(i - j);
                s[j] = d == 0 ? 3 : -gamma * Math.log(d) - lambda * d + noise * rng.nextGaussian();
                max = Math.max(max, s[j]);
            }
            for (int j = 0; j < n; j++) z += Math.exp(s[j] - max);
            for (int j = 0; j < n; j++) p[i][j] = (float) (Math.exp(s[j] - max) / z);
        }
        return p;
    }

    static ProfileSums sums(float[][] p, DistanceProfile.Direction dir) {
        ProfileSums s = new ProfileSums(dir, GRID);
        for (int i = 0; i < p.length; i++) s.add(p[i], 0, p.length, i);
        return s;
    }

    @Test
    void anExactLawIsRecoveredAndItsCapturedMassPredicted() {
        for (double[] law : new double[][] {{0.6, 0}, {1.4, 0}, {0.8, 0.02}}) {
            float[][] p = rows(150, law[0], law[1], 0, 1);
            PooledProfiles pool = new PooledProfiles(List.of(sums(p, DistanceProfile.Direction.BOTH)));
            DecayLaw fit = pool.fit(pool.unitWeights(), law[1] > 0);
            assertTrue(fit.converged());
            assertEquals(law[0], fit.gamma(), 2e-4);
            assertEquals(law[1], fit.lambda(), 2e-5);
            assertArrayEquals(pool.capturedMass(pool.unitWeights()), pool.predictedCapturedMass(fit, pool.unitWeights()), 1e-5);
            assertEquals(1, pool.r2(fit), 1e-6);
        }
    }

    /** Pooling profiles by support gives exactly the per-profile maximum likelihood of DecayFit. */
    @Test
    void poolingAgreesWithTheProfileByProfileFit() {
        for (DistanceProfile.Direction dir : DistanceProfile.Direction.values()) {
            float[][] a = rows(90, 0.9, 0.01, 0.7, 2), b = rows(70, 0.9, 0.01, 0.7, 3);
            List<DistanceProfile> profiles = new ArrayList<>();
            for (float[][] p : List.of(a, b)) {
                for (int i = 0; i < p.length; i++) {
                    double[] row = new double[p.length];
                    for (int j = 0; j < row.length; j++) row[j] = p[i][j];
                    row[i] = 0;
                    DistanceProfile dp = DistanceProfile.fromRow(row, i, dir);
                    if (dp != null) profiles.add(dp);
                }
            }
            PooledProfiles pool = new PooledProfiles(List.of(sums(a, dir), sums(b, dir)));
            assertEquals(profiles.size(), pool.profiles());
            for (boolean fitLambda : new boolean[] {false, true}) {
                DecayFit.Estimate ref = DecayFit.fit(profiles, DecayFit.Options.defaults().withBootstrap(0)
                        .withFitLambda(fitLambda)).mle();
                DecayLaw fit = pool.fit(pool.unitWeights(), fitLambda);
                assertEquals(ref.gamma(), fit.gamma(), 1e-9, dir + " λ fitted " + fitLambda);
                assertEquals(ref.lambda(), fit.lambda(), 1e-9);
            }
        }
    }

    @Test
    void clusterWeightsCountDocuments() {
        ProfileSums a = sums(rows(60, 0.5, 0, 0.5, 4), DistanceProfile.Direction.BOTH);
        ProfileSums b = sums(rows(60, 1.5, 0, 0.5, 5), DistanceProfile.Direction.BOTH);
        PooledProfiles ab = new PooledProfiles(List.of(a, b)), aa = new PooledProfiles(List.of(a, a));
        assertEquals(aa.fit(aa.unitWeights(), false).gamma(), ab.fit(new double[] {2, 0}, false).gamma(), 1e-12);
        assertArrayEquals(aa.capturedMass(aa.unitWeights()), ab.capturedMass(new double[] {2, 0}), 1e-15);
        ProfileSums merged = a.emptyCopy();
        merged.merge(a);
        merged.merge(b);
        assertEquals(ab.fit(ab.unitWeights(), true).gamma(),
                new PooledProfiles(List.of(merged)).fit(new double[] {1}, true).gamma(), 1e-12);
        assertThrows(InvalidInputException.class, () -> ab.fit(new double[] {1}, false));
        assertThrows(InvalidInputException.class,
                () -> new PooledProfiles(List.of(a, new ProfileSums(DistanceProfile.Direction.PAST, GRID))));
    }

    @Test
    void profilesAreBuiltFromTheRowRangeWithoutTheQuery() {
        ProfileSums s = new ProfileSums(DistanceProfile.Direction.BOTH, new int[] {1, 2, 5});
        // keys 1..4 of a 6-key row, query 2: distance 1 → keys 1, 3; distance 2 → key 4
        assertTrue(s.add(new float[] {9, 0.1f, 5, 0.2f, 0.3f, 9}, 1, 5, 2));
        assertEquals(1, s.profiles());
        assertFalse(s.add(new float[] {0, 1, 0}, 0, 3, 1));
        assertThrows(InvalidInputException.class, () -> s.add(new float[3], 0, 3, 3));
    }

    private static void assertFalse(boolean b) {
        assertTrue(!b);
    }
}
