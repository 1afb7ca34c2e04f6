package io.thermoscope.rope;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoldstoneCheckTest {
    @Test
    void hessianHasAZeroAndAHiggsEigenvalue() throws Exception {
        // numerical Hessian (finite differences + Richardson) against the mpmath V''(r_min) and against 0
        for (double[] r : ColemanWeinbergPotentialTest.table()) {
            var pot = new ColemanWeinbergPotential(r[0], r[1], r[2]);
            for (double phi : new double[] {0, 0.4, 1.3, Math.PI / 2, 2.8, 4.5}) {
                GoldstoneCheck.Result g = GoldstoneCheck.at(pot, phi);
                assertEquals(r[5], g.radialEigen(), 1e-6 * r[5], "radial (Higgs) at φ=" + phi);
                assertEquals(0, g.angularEigen(), 1e-6 * r[5], "angular (Goldstone) at φ=" + phi);
            }
        }
    }

    @Test
    void offTheVacuumTheAngularCurvatureIsNotZero() {
        // V'(r)/r ≠ 0 away from r_min: the check distinguishes the vacuum from any other circle
        var pot = ColemanWeinbergPotential.figureOne();
        double r = 1.3 * pot.vacuumRadius();
        assertTrue(Math.abs(pot.radialDerivative(r) / r) > 0.1);
    }

    @Test
    void ropeCheckPasses() {
        var c = new RopeCheck.Config(64, 10000, 32, 1024, 3, new ColemanWeinbergPotential(-0.4, 0.8, 1.5));
        RopeCheck.Result res = RopeCheck.run(c);
        assertTrue(res.passed(), res.toString());
        assertTrue(res.maxRelativePositionError() < 1e-12);
        assertTrue(res.maxGlobalPhaseDeltaE() < 1e-12);
        assertEquals(8, res.goldstone().size());
    }
}
