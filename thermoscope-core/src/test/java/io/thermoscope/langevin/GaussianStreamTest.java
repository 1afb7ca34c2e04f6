package io.thermoscope.langevin;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ziggurat normal stream against the standard normal law (reference: Hipparchus Erf). N = 4e6 deviates;
 * tolerances are 5 standard errors: mean √(1/N), variance √(2/N), fourth moment √(96/N), bin probabilities
 * √(p(1−p)/N); plus a chi-square over 60 bins (including both tails beyond the ziggurat's R = 3.44).
 */
class GaussianStreamTest {
    private static final int N = 4_000_000;

    @Test
    void deviatesFollowTheStandardNormalLaw() {
        GaussianStream g = new GaussianStream(123, 4);
        double[] buf = new double[4096];
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        int bins = 60;
        double lo = -6;
        double width = 12.0 / bins;
        long[] hist = new long[bins + 2];
        long tail = 0;
        int n = 0;
        while (n < N) {
            int m = Math.min(buf.length, N - n);
            if ((n / 4096) % 2 == 0) {
                g.fill(buf, 0, m);
            } else {
                for (int i = 0; i < m; i++) {
                    buf[i] = g.nextGaussian();
                }
            }
            for (int i = 0; i < m; i++) {
                double z = buf[i];
                s1 += z;
                s2 += z * z;
                s4 += z * z * z * z;
                int b = (int) Math.floor((z - lo) / width);
                hist[Math.min(Math.max(b + 1, 0), bins + 1)]++;
                if (Math.abs(z) > 3.5) {
                    tail++;
                }
            }
            n += m;
        }
        assertEquals(0, s1 / N, 5 * Math.sqrt(1.0 / N), "mean");
        assertEquals(1, s2 / N, 5 * Math.sqrt(2.0 / N), "variance");
        assertEquals(3, s4 / N, 5 * Math.sqrt(96.0 / N), "fourth moment");
        double pTail = Erf.erfc(3.5 / Math.sqrt(2));
        assertEquals(pTail, (double) tail / N, 5 * Math.sqrt(pTail / N), "P(|z| > 3.5), the ziggurat tail");
        double chi2 = 0;
        int used = 0;
        for (int b = 0; b < bins; b++) {
            double a = lo + b * width;
            double p = 0.5 * (Erf.erf((a + width) / Math.sqrt(2)) - Erf.erf(a / Math.sqrt(2)));
            double expected = p * N;
            if (expected >= 20) {
                chi2 += Math.pow(hist[b + 1] - expected, 2) / expected;
                used++;
            }
        }
        // chi-square with `used - 1` degrees of freedom: mean k, sd √(2k); 5 sd
        int k = used - 1;
        assertTrue(chi2 < k + 5 * Math.sqrt(2.0 * k), "chi2 = " + chi2 + " for " + k + " dof");
    }

    @Test
    void streamsDependOnSeedAndIndexAndAreReproducible() {
        assertEquals(new GaussianStream(1, 2).nextLong(), new GaussianStream(1, 2).nextLong());
        assertNotEquals(new GaussianStream(1, 2).nextLong(), new GaussianStream(1, 3).nextLong());
        assertNotEquals(new GaussianStream(1, 2).nextLong(), new GaussianStream(2, 2).nextLong());
        double[] a = new double[1000];
        double[] b = new double[1000];
        new GaussianStream(9, 9).fill(a, 0, 1000);
        GaussianStream g = new GaussianStream(9, 9);
        for (int i = 0; i < 1000; i++) {
            b[i] = g.nextGaussian();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0.0); // fill and nextGaussian agree
    }
}
