package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotaryEmbeddingTest {
    private static double[] gaussian(SplittableRandom r, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = r.nextGaussian();
        return v;
    }

    private static double norm(double[] v) {
        return Math.sqrt(RotaryEmbedding.dot(v, v));
    }

    @Test
    void standardFrequencies() {
        RotaryEmbedding rope = new RotaryEmbedding(8, 10000);
        double[] th = rope.frequencies();
        assertEquals(4, th.length);
        assertEquals(1.0, th[0]);
        assertEquals(0.1, th[1], 1e-16);     // 10000^(−2/8)
        assertEquals(0.01, th[2], 1e-17);    // 10000^(−4/8)
        assertEquals(0.001, th[3], 1e-18);   // 10000^(−6/8)
    }

    @Test
    void rotatesPairsAsInEq33() {
        // one pair: (1, 0) at position m with θ_0 = 1 goes to (cos m, sin m); norm preserved
        RotaryEmbedding rope = new RotaryEmbedding(2, 10000);
        double[] r = rope.rotate(new double[] {1, 0}, 0.7);
        assertEquals(Math.cos(0.7), r[0], 1e-16);
        assertEquals(Math.sin(0.7), r[1], 1e-16);
        SplittableRandom rnd = new SplittableRandom(1);
        RotaryEmbedding big = new RotaryEmbedding(64, 10000);
        double[] v = gaussian(rnd, 64);
        assertEquals(norm(v), norm(big.rotate(v, 123)), 1e-13);
    }

    @Property(tries = 200)
    void dotProductDependsOnlyOnRelativePosition(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                 @ForAll @IntRange(min = 0, max = 2048) int m,
                                                 @ForAll @IntRange(min = 0, max = 2048) int n,
                                                 @ForAll @IntRange(min = -2048, max = 2048) int shift) {
        // tolerance 1e-12·|q||k| in double for positions ≤ 4096: the rounding of the angle m·θ_0 (≈ ulp(4096) ≈ 1e-12)
        // is the limiting error; at positions ~1e5 it reaches ~1e-12 itself (see the report).
        SplittableRandom rnd = new SplittableRandom(seed);
        RotaryEmbedding rope = new RotaryEmbedding(64, 10000);
        double[] q = gaussian(rnd, 64), k = gaussian(rnd, 64);
        double scale = norm(q) * norm(k);
        double got = RotaryEmbedding.dot(rope.rotate(q, m), rope.rotate(k, n));
        assertEquals(rope.relativeDot(q, k, m - n), got, 1e-12 * scale);
        double shifted = RotaryEmbedding.dot(rope.rotate(q, m + shift), rope.rotate(k, n + shift));
        assertEquals(got, shifted, 1e-12 * scale);
    }

    @Test
    void relativeDotIsNotTrivial() {
        // the closed form at Δ = 0 is the plain dot product, and it really depends on Δ
        SplittableRandom rnd = new SplittableRandom(5);
        RotaryEmbedding rope = new RotaryEmbedding(16, 100);
        double[] q = gaussian(rnd, 16), k = gaussian(rnd, 16);
        assertEquals(RotaryEmbedding.dot(q, k), rope.relativeDot(q, k, 0), 1e-14);
        assertTrue(Math.abs(rope.relativeDot(q, k, 3) - rope.relativeDot(q, k, 0)) > 1e-3);
        assertTrue(Math.abs(rope.relativeDot(q, k, 3) - rope.relativeDot(q, k, -3)) > 1e-3);
    }

    @Test
    void globalPhaseLeavesEveryEnergyUnchanged() {
        // Eq. 36: ΔE = V(Φe^{iφ}) − V(Φ) = 0 for a phase shared by every position, per pair of dimensions
        SplittableRandom rnd = new SplittableRandom(9);
        int d = 32, n = 40;
        RotaryEmbedding rope = new RotaryEmbedding(d, 10000);
        double[][] q = new double[n][], k = new double[n][];
        double[] pos = new double[n];
        for (int t = 0; t < n; t++) {
            q[t] = gaussian(rnd, d);
            k[t] = gaussian(rnd, d);
            pos[t] = t;
        }
        double[] phase = new double[d / 2];
        for (int i = 0; i < phase.length; i++) phase[i] = 2 * Math.PI * rnd.nextDouble();
        double[][] e0 = rope.energies(q, pos, k, pos, null), e1 = rope.energies(q, pos, k, pos, phase);
        for (int m = 0; m < n; m++) {
            for (int j = 0; j < n; j++) {
                double scale = norm(q[m]) * norm(k[j]) / Math.sqrt(d);
                assertEquals(e0[m][j], e1[m][j], 1e-13 * scale);
            }
            // hence the whole ensemble of each query is unchanged
            assertEquals(BoltzmannEnsemble.of(e0[m], 1).F(), BoltzmannEnsemble.of(e1[m], 1).F(), 1e-12);
        }
        // a phase applied to the queries only is not a symmetry: energies change
        double[][] qRot = new double[n][];
        for (int t = 0; t < n; t++) qRot[t] = rope.rotate(q[t], 0, phase);
        double[][] e2 = rope.energies(qRot, pos, k, pos, null);
        assertTrue(Math.abs(e2[0][0] - e0[0][0]) > 1e-3);
    }

    @Test
    void badInput() {
        assertThrows(InvalidInputException.class, () -> new RotaryEmbedding(7, 10000));
        assertThrows(InvalidInputException.class, () -> new RotaryEmbedding(0, 10000));
        assertThrows(InvalidInputException.class, () -> new RotaryEmbedding(8, 0));
        assertThrows(InvalidInputException.class, () -> new RotaryEmbedding(8, Double.NaN));
        assertThrows(InvalidInputException.class, () -> new RotaryEmbedding(8, 100).rotate(new double[6], 1));
    }
}
