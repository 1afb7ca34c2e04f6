package io.thermoscope.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fig. 4 fit and verdict, k-of-n and the lead CI on summaries constructed with known answers. */
class SweepAnalysisTest {

    private static GrokSummary summary(int p, long seed, Integer onset, Integer peak, double cvMax) {
        Integer lead = onset == null || peak == null ? null : onset - peak;
        return new GrokSummary(p, seed, "test", onset, onset, onset, peak, peak == null ? null : cvMax, 0.1, cvMax,
                lead, peak, lead, 1, onset == null ? 0.1 : 1, 100, 10, List.of(), 1, 0.1, 0.01, 0.01);
    }

    @Test
    void exactPowerLawIsRecoveredAndCalledADivergence() {
        List<GrokSummary> s = new ArrayList<>();
        int[] ps = {19, 31, 53, 97};
        for (int p : ps) {
            for (int seed = 0; seed < 3; seed++) {
                double noise = 1 + 0.01 * (seed - 1); // ±1 % around 2 p^0.7, symmetric so the mean is exact
                s.add(summary(p, seed, 1000, 800, 2 * Math.pow(p, 0.7) * noise));
            }
        }
        SweepAnalysis a = SweepAnalysis.of(s);
        assertEquals(0.7, a.exponent(), 1e-9);
        assertTrue(a.rSquared() > 0.9999);
        assertTrue(a.exponentCiLow() > 0.6 && a.exponentCiHigh() < 0.8, a.exponentCiLow() + " " + a.exponentCiHigh());
        assertEquals("divergence detected", a.verdict());
        assertEquals(12, a.k());
        assertEquals(12, a.n());
        assertEquals(200, a.leadMean(), 1e-12);
        assertEquals(200, a.leadCiLow(), 1e-12);
    }

    @Test
    void flatCurveAndMissingOnsetsAreReportedHonestly() {
        List<GrokSummary> s = new ArrayList<>();
        int[] ps = {19, 31, 53};
        double[] jitter = {0.9, 1.1, 1.0};
        for (int i = 0; i < ps.length; i++) {
            s.add(summary(ps[i], 0, 500, 600, jitter[i]));   // peak after onset: lead −100
            s.add(summary(ps[i], 1, null, 300, jitter[2 - i])); // never grokked
        }
        SweepAnalysis a = SweepAnalysis.of(s);
        assertEquals(0, a.k());
        assertEquals(6, a.n());
        assertEquals(3, a.grokked());
        assertEquals(-100, a.leadMean(), 1e-12);
        assertEquals("no divergence detected", a.verdict());
        SweepAnalysis two = SweepAnalysis.of(s.subList(0, 4));
        assertTrue(two.verdict().startsWith("insufficient data"), two.verdict());
    }
}
