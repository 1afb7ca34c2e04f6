package io.thermoscope.attention;

import io.thermoscope.decision.Estimate;
import io.thermoscope.stats.ClusterBootstrap;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadPhasesTest {

    static AttentionScan scan(double[] gammas, boolean causal, int documents) {
        AttentionScan scan = new AttentionScan(new AttentionScan.Options(1, 1, new ContextGrowth(16, 4, 1, 1), true));
        for (int d = 0; d < documents; d++) {
            scan.add("doc" + d, SyntheticPasses.distanceLaw(160, gammas, 0, 0.4, 1, causal, 100 + d));
        }
        return scan;
    }

    @Test
    void phasesOfKnownLawsAreReadByBothCriteria() {
        double[] gammas = {0.4, 0.9, 1.6};
        AttentionScan scan = scan(gammas, false, 8);
        assertEquals(Masking.BIDIRECTIONAL, scan.masking());
        HeadPhases.Result r = HeadPhases.analyse(scan.profiles(), new ClusterBootstrap(100, 0.9, 3), 0.8);
        HeadPhases.Head a = r.heads().get(0), near = r.heads().get(1), b = r.heads().get(2);
        // noise on the scores flattens the law a little: γ is the law of the noisy attention, close to the generator's
        assertEquals(0.4, a.gamma().value(), 0.1);
        assertEquals(1.6, b.gamma().value(), 0.15);
        assertEquals(HeadPhases.Phase.A, a.phaseByFit());
        assertEquals(HeadPhases.Phase.A, a.phaseByCapture());
        assertEquals(HeadPhases.Phase.B, b.phaseByFit());
        assertEquals(HeadPhases.Phase.B, b.phaseByCapture());
        assertTrue(near.gamma().value() > 0.8 && near.gamma().value() < 1, near.gamma().toString());
        assertEquals(1.0 / 3, r.shareNearOne().value(), 1e-12);
        assertTrue(a.r2() > 0.9 && b.r2() > 0.9);
        assertTrue(a.lambda().value() >= 0);
        assertTrue(r.agreeing() >= 2, "A and B heads agree; the near-one head may be undetermined");
        assertEquals(8, r.documents());
        assertEquals(64, r.captureLow());
        assertEquals(128, r.captureHigh());
    }

    /** Pure power laws with γ &lt; 1: the text keys' PV/T is the chapter's 1 − γ, and both phase readings agree. */
    @Test
    void powerLawHeadsHaveTheDistanceEnsemblesCompressibility() {
        AttentionScan scan = new AttentionScan(new AttentionScan.Options(1, 1, new ContextGrowth(16, 4, 1, 1), true));
        for (int d = 0; d < 4; d++) scan.add("doc" + d, SyntheticPasses.distanceLaw(512, new double[] {0.3, 0.6}, 0, 0.2, 0, false, d));
        ClusterBootstrap b = new ClusterBootstrap(100, 0.9, 5);
        Compressibility.Result c = Compressibility.analyse(scan.curves(), null, b);
        HeadPhases.Result p = HeadPhases.analyse(scan.profiles(), b, 0.8);
        for (int h = 0; h < 2; h++) {
            double gamma = p.heads().get(h).gamma().value();
            assertEquals(1 - gamma, c.heads().get(h).cText().get(0).value(), 0.05, "head " + h);
        }
        Estimate gap = Compressibility.gapToDistanceLaw(c, p, b);
        assertEquals(0, gap.value(), 0.05);
        assertTrue(gap.low() <= gap.value() && gap.value() <= gap.high());
        assertEquals(1, p.agreement().value(), 0);
    }

    @Test
    void aCausalModelIsDetectedAndFittedOnThePast() {
        AttentionScan scan = scan(new double[] {0.5, 1.5}, true, 6);
        assertEquals(Masking.CAUSAL, scan.masking());
        HeadPhases.Result r = HeadPhases.analyse(scan.profiles(), new ClusterBootstrap(100, 0.9, 4), 0.8);
        assertEquals(0.5, r.heads().get(0).gamma().value(), 0.1);
        assertEquals(1.5, r.heads().get(1).gamma().value(), 0.15);
        assertEquals(6, scan.curves().size());
    }

    /** The scan's per-head thermodynamics is the query average of each row's Boltzmann ensemble. */
    @Test
    void theScanAveragesEachQuerysEnsemble() {
        AttentionPass pass = SyntheticPasses.distanceLaw(50, new double[] {0.7}, 0.01, 0.5, 2, true, 1);
        AttentionScan scan = new AttentionScan(new AttentionScan.Options(0, 0, null, true));
        scan.add("one", pass);
        double T = pass.temperature(), cv = 0, s = 0, f = 0;
        float[] row = new float[50];
        for (int i = 0; i < 50; i++) {
            pass.scores(0, 0, i, row);
            double[] e = new double[i + 1];
            for (int j = 0; j <= i; j++) e[j] = -row[j] * T; // causal: keys 0..i
            EnsembleStatistics st = BoltzmannEnsemble.of(e, T);
            cv += st.Cv() / 50;
            s += st.S() / 50;
            f += st.F() / 50;
        }
        HeadThermodynamics th = scan.thermodynamics()[0][0];
        assertEquals(50, th.queries());
        assertEquals(cv, th.specificHeat(), 1e-5);
        assertEquals(s, th.entropy(), 1e-5);
        assertEquals(f, th.freeEnergy(), 1e-4);
        assertEquals(0, scan.curves().size()); // no growth asked for
    }
}
