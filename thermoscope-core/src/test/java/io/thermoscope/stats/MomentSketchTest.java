package io.thermoscope.stats;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mergeable moments: any split of a sample, reduced in any tree, gives the moments of the whole sample to round-off,
 * and those agree with an exact (50-digit) two-pass reference.
 */
class MomentSketchTest {
    private static final MathContext MC = new MathContext(50);

    /** Skewed data (lognormal, σ ≈ 0.6) shifted by {@code offset}. */
    static double[] sample(long seed, int n, double offset) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            x[i] = offset + Math.exp(0.5 * g);
        }
        return x;
    }

    /** Exact mean and central sums M_2..M_4 with 50 significant digits. */
    static double[] exact(double[] x) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : x) sum = sum.add(new BigDecimal(v));
        BigDecimal mean = sum.divide(BigDecimal.valueOf(x.length), MC);
        BigDecimal m2 = BigDecimal.ZERO, m3 = BigDecimal.ZERO, m4 = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal d = new BigDecimal(v).subtract(mean, MC), d2 = d.multiply(d, MC);
            m2 = m2.add(d2, MC);
            m3 = m3.add(d2.multiply(d, MC), MC);
            m4 = m4.add(d2.multiply(d2, MC), MC);
        }
        return new double[] {mean.doubleValue(), m2.doubleValue(), m3.doubleValue(), m4.doubleValue()};
    }

    static double[] moments(MomentSketch s) {
        return new double[] {s.mean(), s.m2(), s.m3(), s.m4()};
    }

    /** max over mean, M_2, M_3, M_4 of the relative difference. */
    static double maxRel(MomentSketch s, double[] ref) {
        double[] m = moments(s);
        double worst = 0;
        for (int k = 0; k < 4; k++) worst = Math.max(worst, Math.abs(m[k] - ref[k]) / Math.abs(ref[k]));
        return worst;
    }

    /** Splits [0, n) at {@code parts − 1} random cut points (empty parts allowed) and sketches each part. */
    static List<MomentSketch> parts(double[] x, int parts, SplittableRandom r, boolean online) {
        int[] cuts = new int[parts + 1];
        for (int i = 1; i < parts; i++) cuts[i] = r.nextInt(x.length + 1);
        cuts[parts] = x.length;
        Arrays.sort(cuts);
        List<MomentSketch> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            if (online) {
                MomentSketch s = MomentSketch.empty();
                for (int j = cuts[i]; j < cuts[i + 1]; j++) s = s.add(x[j]);
                out.add(s);
            } else {
                out.add(MomentSketch.of(x, cuts[i], cuts[i + 1]));
            }
        }
        return out;
    }

    /** Pairwise tree reduction (as Spark's treeReduce does level by level). */
    static MomentSketch tree(List<MomentSketch> xs) {
        List<MomentSketch> level = xs;
        while (level.size() > 1) {
            List<MomentSketch> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).merge(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.isEmpty() ? MomentSketch.empty() : level.get(0);
    }

    /** Merges in a random binary tree (random adjacent pair each time: every associative bracketing can occur). */
    static MomentSketch randomTree(List<MomentSketch> xs, SplittableRandom r) {
        List<MomentSketch> l = new ArrayList<>(xs);
        while (l.size() > 1) {
            int i = r.nextInt(l.size() - 1);
            l.set(i, l.get(i).merge(l.remove(i + 1)));
        }
        return l.get(0);
    }

    @Test
    void twoPassAndOnlineMatchTheExactReference() {
        double[] x = sample(1, 20_000, 3);
        double[] ref = exact(x);
        MomentSketch two = MomentSketch.of(x);
        MomentSketch online = MomentSketch.empty();
        for (double v : x) online = online.add(v);
        assertEquals(x.length, two.count());
        assertTrue(maxRel(two, ref) < 1e-14, "two-pass " + maxRel(two, ref));
        assertTrue(maxRel(online, ref) < 1e-13, "online " + maxRel(online, ref));
    }

    @Test
    void varianceSurvivesALargeOffsetWhereTheNaiveFormulaDoesNot() {
        // mean/σ ≈ 2e4: M_3 and M_4 are then limited by the representation of the mean itself (ulp(mean)/σ ≈ 4e-12),
        // but M_2 depends on the mean only to second order and keeps its digits in every split
        double[] x = sample(1, 20_000, 1e4);
        double[] ref = exact(x);
        MomentSketch merged = tree(parts(x, 17, new SplittableRandom(5), false));
        assertTrue(Math.abs(merged.m2() - ref[1]) / ref[1] < 1e-12, "M_2 " + Math.abs(merged.m2() - ref[1]) / ref[1]);
        double s = 0, s2 = 0;
        for (double v : x) {
            s += v;
            s2 += v * v;
        }
        double naiveM2 = s2 - s * s / x.length; // E[x²] − E[x]²: what the sketch exists to avoid
        assertTrue(Math.abs(naiveM2 - ref[1]) / ref[1] > 1e-6, "naive lost digits: " + Math.abs(naiveM2 - ref[1]) / ref[1]);
    }

    @Property(tries = 200)
    void anySplitAndTreeEqualsTheWholeSample(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                             @ForAll @IntRange(min = 1, max = 64) int parts,
                                             @ForAll @IntRange(min = 1, max = 3000) int n) {
        double[] x = sample(seed, n, 3);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        MomentSketch whole = MomentSketch.of(x);
        List<MomentSketch> ps = parts(x, parts, r, false);
        for (MomentSketch merged : List.of(tree(ps), randomTree(ps, r), ps.stream().reduce(MomentSketch.empty(), MomentSketch::merge))) {
            assertEquals(n, merged.count());
            double[] a = moments(merged), b = moments(whole);
            // round-off: 1e-14 of each sum, with a floor of 1e-14·n·σ^p for M_3, M_4 (sums of terms of size σ^p that
            // may cancel to ~0 in a small sample), plus the first-order effect of the mean's own rounding u ≈ ε(|mean|
            // + σ): ΔM_p ≈ p·u·M_(p−1) for p ≥ 3 (M_2 does not move to first order since Σ(x − mean) = 0)
            double scale = Math.sqrt(whole.m2() / n), u = 1e-15 * (Math.abs(whole.mean()) + scale);
            assertTrue(Math.abs(a[0] - b[0]) <= 1e-15 * Math.abs(b[0]), "mean " + a[0] + " vs " + b[0]);
            for (int k = 1; k < 4; k++) {
                int p = k + 1;
                double tol = p == 2 ? 1e-14 * Math.abs(b[k]) + 1e-300
                        : 1e-14 * (Math.abs(b[k]) + n * Math.pow(scale, p)) + 4 * p * u * Math.abs(b[k - 1]);
                assertTrue(Math.abs(a[k] - b[k]) <= tol, "M_" + (k + 1) + " " + a[k] + " vs " + b[k]);
            }
        }
    }

    @Test
    void splitsOfALargeSampleAgreeToRoundOff() {
        double[] x = sample(7, 100_000, 3);
        double[] ref = exact(x);
        SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        for (int parts : new int[] {2, 3, 8, 17, 100, 1000}) {
            List<MomentSketch> ps = parts(x, parts, r, false);
            worst = Math.max(worst, maxRel(tree(ps), ref));
            worst = Math.max(worst, maxRel(randomTree(ps, r), ref));
        }
        System.out.printf("MomentSketch: worst relative error of a split + merge vs exact over 1e5 values: %.2e%n", worst);
        assertTrue(worst < 1e-14, "worst " + worst);
    }

    @Test
    void derivedStatisticsAndEdgeCases() {
        MomentSketch s = MomentSketch.of(1, 2, 3, 4, 10);
        assertEquals(4.0, s.mean());
        assertEquals(50.0 / 4, s.variance(), 1e-15);
        assertEquals(10.0, s.populationVariance(), 1e-15);
        double m3 = (-27 - 8 - 1 + 0 + 216), m4 = (81 + 16 + 1 + 0 + 1296);
        assertEquals(Math.sqrt(5) * m3 / Math.pow(50, 1.5), s.skewness(), 1e-15);
        assertEquals(5 * m4 / 2500.0 - 3, s.excessKurtosis(), 1e-14);
        assertEquals(s, s.merge(MomentSketch.empty()));
        assertEquals(s, MomentSketch.empty().merge(s));
        assertTrue(Double.isNaN(MomentSketch.of(3.0).variance()));
        assertTrue(Double.isNaN(MomentSketch.empty().populationVariance()));
        assertTrue(Double.isNaN(MomentSketch.of(2, 2, 2).skewness()));
        assertThrows(IllegalArgumentException.class, () -> new MomentSketch(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MomentSketch(0, 1, 0, 0, 0));
    }

    @Test
    void serialisesUnchanged() throws Exception {
        MomentSketch s = MomentSketch.of(sample(2, 100, 3));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(s, in.readObject());
        }
    }
}
