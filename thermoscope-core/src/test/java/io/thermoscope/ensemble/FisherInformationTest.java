package io.thermoscope.ensemble;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Fisher information of β by finite differences of ln p and of ln Z, against the two-level closed form
 * I(β) = ε² p(1 − p) and against Var(E) on random spectra over four decades of temperature (relative to Var(E) where it
 * is not exponentially small, else relative to the squared energy range); C_V = β² I(β) = I_{ln β}.
 */
class FisherInformationTest {

    @Test
    void twoLevelSystemMatchesTheClosedForm() {
        for (double eps : new double[]{0.01, 1, 7}) {
            for (double t : new double[]{0.3, 1, 8}) {
                double p = 1 / (1 + Math.exp(eps / t)); // occupation of the upper level
                double exact = eps * eps * p * (1 - p);   // I(β) = Var(E) of a two-level system
                FisherInformation.Result r = FisherInformation.of(new double[]{0, eps}, t);
                assertEquals(exact, r.byScore(), 1e-9 * exact, "score route, ε=" + eps + " T=" + t);
                assertEquals(exact, r.byCurvature(), 1e-7 * exact, "curvature route, ε=" + eps + " T=" + t);
            }
        }
    }

    @Test
    void bothRoutesEqualTheVarianceAndGiveCvThroughLnBeta() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (double t : new double[]{0.05, 1, 8, 200}) {
            for (int rep = 0; rep < 20; rep++) {
                double[] e = new double[2 + rnd.nextInt(300)];
                for (int i = 0; i < e.length; i++) e[i] = 10 * rnd.nextGaussian();
                FisherInformation.Result r = FisherInformation.of(e, t);
                double range = java.util.Arrays.stream(e).max().orElseThrow() - java.util.Arrays.stream(e).min().orElseThrow();
                if (r.varE() < 1e-4 * range * range) {
                    // T far below the lowest gap: Var(E) is exponentially small and finite differences resolve it only
                    // in absolute terms, to round-off relative to the energy range
                    assertEquals(r.varE(), r.byScore(), 1e-9 * range * range, "T=" + t);
                    assertEquals(r.varE(), r.byCurvature(), 1e-9 * range * range, "T=" + t);
                    continue;
                }
                assertTrue(r.residual() < 1e-7, "T=" + t + ": residual " + r.residual());
                assertEquals(r.cv(), r.logBeta(), 1e-7 * r.cv(), "C_V = β² I(β)");
                assertEquals(t * t * r.cv(), r.byScore(), 1e-7 * r.byScore(), "I(β) = T² C_V");
            }
        }
    }

    @Test
    void aSingleLevelCarriesNoInformation() {
        FisherInformation.Result r = FisherInformation.of(new double[]{3, 3, 3}, 2);
        assertEquals(0, r.byScore());
        assertEquals(0, r.byCurvature());
        assertEquals(0, r.residual());
    }
}
