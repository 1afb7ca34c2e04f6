package io.thermoscope.dynamics;

import io.thermoscope.InvalidInputException;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FisherRaoDynamicsTest {
    private static final double[] E = {0.3, 1.7, -0.5, 2.2, 0.9};
    private static final double T = 1.0;

    private static double[] randomSimplex(SplittableRandom r, int n) {
        double[] p = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            p[i] = -Math.log(1 - r.nextDouble()); // exponential → uniform on the simplex
            s += p[i];
        }
        for (int i = 0; i < n; i++) p[i] /= s;
        return p;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s;
    }

    @Test
    void stationaryPointOfEq18IsTheSoftmax() {
        // At ρ = softmax(−E/T) at rest, the acceleration vanishes (Eqs. 19–22).
        var dyn = new FisherRaoDynamics(E, T, FisherRaoDynamics.Settings.of(1.0, 0.0));
        double[] p = BoltzmannEnsemble.probabilities(E, T);
        double[] y = new double[2 * E.length];
        for (int i = 0; i < E.length; i++) y[i] = 2 * Math.sqrt(p[i]);
        double[] dy = dyn.equations().computeDerivatives(0, y);
        for (int i = 0; i < E.length; i++) assertEquals(0, dy[E.length + i], 1e-14, "acceleration " + i);
    }

    @Test
    void motionInXSatisfiesThePapersEq18InRho() {
        // Independent check of the sphere formulation: at arbitrary states the residual
        // Λ_i = m(ρ̈_i/ρ_i − ½ρ̇_i²/ρ_i²) + E_i + T ln ρ_i must be the same for every i (Eq. 18).
        SplittableRandom r = new SplittableRandom(7);
        double m = 2.5;
        var dyn = new FisherRaoDynamics(E, 0.8, FisherRaoDynamics.Settings.of(m, 0.0));
        int n = E.length;
        for (int trial = 0; trial < 50; trial++) {
            double[] rho = randomSimplex(r, n);
            double[] y = new double[2 * n];
            double xv = 0;
            for (int i = 0; i < n; i++) {
                y[i] = 2 * Math.sqrt(rho[i]);
                y[n + i] = r.nextGaussian();
                xv += y[i] * y[n + i];
            }
            for (int i = 0; i < n; i++) y[n + i] -= xv / 4 * y[i]; // tangent velocity
            double[] dy = dyn.equations().computeDerivatives(0, y);
            double lambda0 = Double.NaN;
            for (int i = 0; i < n; i++) {
                double x = y[i], v = y[n + i], a = dy[n + i];
                double rhoDot = x * v / 2, rhoDdot = (v * v + x * a) / 2;
                double li = m * (rhoDdot / rho[i] - 0.5 * rhoDot * rhoDot / (rho[i] * rho[i])) + E[i] + 0.8 * Math.log(rho[i]);
                if (i == 0) lambda0 = li;
                else assertEquals(lambda0, li, 1e-9 * (1 + Math.abs(lambda0)), "Λ differs at i=" + i + " trial " + trial);
            }
        }
    }

    @Test
    void staysOnTheSphereAndConservesEnergyOverALongRun() {
        // DP853 at tolerance 1e-15: the energy error of an explicit RK method grows linearly with time and
        // tolerance (measured: 6.5e-10 over 500 periods, 7e-9 at 1e-14); 200 periods keeps a margin of ~4.
        double m = 1.0;
        var dyn = new FisherRaoDynamics(E, T, new FisherRaoDynamics.Settings(m, 0.0, 1e-15, 1e-15, 200_000_000));
        double period = 2 * Math.PI * Math.sqrt(m / T);
        double[] rho0 = {0.6, 0.05, 0.1, 0.2, 0.05};
        var tr = dyn.integrate(rho0, null, 200 * period, 2001);
        double h0 = tr.energy()[0];
        assertTrue(Math.abs(h0) > 0.1, "reference energy must not be near zero: " + h0);
        double worstH = 0, worstNorm = 0, worstVel = 0;
        for (int k = 0; k < tr.size(); k++) {
            worstH = Math.max(worstH, Math.abs(tr.energy()[k] - h0) / Math.abs(h0));
            worstNorm = Math.max(worstNorm, Math.abs(sum(tr.rho()[k]) - 1)); // Σρ = |x|²/4
            worstVel = Math.max(worstVel, Math.abs(sum(tr.rhoDot()[k])));
        }
        assertTrue(worstH < 1e-9, "relative energy drift " + worstH);
        assertTrue(worstNorm < 1e-10, "|Σρ − 1| = " + worstNorm);
        assertTrue(worstVel < 1e-10, "|Σρ̇| = " + worstVel);
        // even before the projection back onto the sphere, |x|²/4 − 1 and x·ẋ never drifted beyond 1e-10
        assertTrue(tr.maxConstraintDrift() < 1e-10, "raw drift " + tr.maxConstraintDrift());
        // the motion is not trivial: it really moves far from the start
        double maxDist = 0;
        for (double d : tr.distance()) maxDist = Math.max(maxDist, d);
        assertTrue(maxDist > 0.3, "motion too small: " + maxDist);
    }

    @Test
    void energyIsConservedWhenAComponentCrossesTheFace() {
        // A fast start pushes component 1 through ρ_1 = 0 (x_1 changes sign, ρ_1 rebounds): see the class comment.
        double m = 1.0;
        var dyn = new FisherRaoDynamics(E, T, new FisherRaoDynamics.Settings(m, 0.0, 1e-15, 1e-15, 200_000_000));
        double[] rho0 = {0.3, 0.01, 0.3, 0.09, 0.3};
        double[] rhoDot0 = {0.5, -0.2, 0.0, -0.3, 0.0};
        var tr = dyn.integrate(rho0, rhoDot0, 60, 6001);
        double h0 = tr.energy()[0], worst = 0, minRho1 = 1;
        for (int k = 0; k < tr.size(); k++) {
            worst = Math.max(worst, Math.abs(tr.energy()[k] - h0) / Math.abs(h0));
            assertEquals(1, sum(tr.rho()[k]), 1e-10);
            minRho1 = Math.min(minRho1, tr.rho()[k][1]);
        }
        assertTrue(minRho1 < 1e-6, "the test should reach the face: min ρ_1 = " + minRho1);
        assertTrue(worst < 1e-9, "relative energy drift through the crossing " + worst);
    }

    @Test
    void smallOscillationsHaveTheClosedFormFrequency() {
        // F ≈ F_eq + (T/2)|δx|² on the tangent space ⇒ δx(t) = δx(0) cos(√(T/m) t) (class comment, item 6).
        double m = 3.0, temp = 0.7;
        var dyn = new FisherRaoDynamics(E, temp, FisherRaoDynamics.Settings.of(m, 0.0));
        double[] p = BoltzmannEnsemble.probabilities(E, temp);
        int n = E.length;
        double eps = 1e-5;
        double[] u = {1, -2, 0.5, 0.3, 0.2};
        double up = 0;
        for (int i = 0; i < n; i++) up += u[i] * Math.sqrt(p[i]);
        double[] x0 = new double[n], rho0 = new double[n];
        for (int i = 0; i < n; i++) x0[i] = 2 * Math.sqrt(p[i]) + eps * (u[i] - up * Math.sqrt(p[i])); // tangent kick
        double nx = 0;
        for (double v : x0) nx += v * v;
        for (int i = 0; i < n; i++) {
            x0[i] *= 2 / Math.sqrt(nx);
            rho0[i] = x0[i] * x0[i] / 4;
        }
        double omega = Math.sqrt(temp / m);
        var tr = dyn.integrate(rho0, null, 3 * 2 * Math.PI / omega, 301);
        double amp = 0;
        for (int i = 0; i < n; i++) amp = Math.max(amp, Math.abs(x0[i] - 2 * Math.sqrt(p[i])));
        for (int k = 0; k < tr.size(); k++) {
            double c = Math.cos(omega * tr.t()[k]);
            for (int i = 0; i < n; i++) {
                double dx = 2 * Math.sqrt(tr.rho()[k][i]) - 2 * Math.sqrt(p[i]);
                double expect = (x0[i] - 2 * Math.sqrt(p[i])) * c;
                assertEquals(expect, dx, 1e-3 * amp, "t=" + tr.t()[k] + " i=" + i);
            }
        }
    }

    @Test
    void dampedMotionRelaxesToTheSoftmax() {
        double m = 1.0;
        double gamma = 2 * Math.sqrt(m * T); // critical
        var dyn = new FisherRaoDynamics(E, T, FisherRaoDynamics.Settings.of(m, gamma));
        var tr = dyn.integrate(new double[]{0.02, 0.9, 0.02, 0.04, 0.02}, null, 60, 601);
        double[] p = BoltzmannEnsemble.probabilities(E, T);
        double[] last = tr.rho()[tr.size() - 1];
        for (int i = 0; i < p.length; i++) assertEquals(p[i], last[i], 1e-9, "ρ_" + i);
        assertEquals(tr.equilibriumFreeEnergy(), tr.freeEnergy()[tr.size() - 1], 1e-12, "F → −T ln Z");
        // H decreases monotonically: dH/dt = −γ|ẋ|²
        for (int k = 1; k < tr.size(); k++) {
            assertTrue(tr.energy()[k] <= tr.energy()[k - 1] + 1e-12, "H increased at t=" + tr.t()[k]);
        }
    }

    @Test
    void geodesicDistanceDecreasesMonotonicallyWhenOverdamped() {
        SplittableRandom r = new SplittableRandom(11);
        double m = 1.0;
        double gamma = 4 * Math.sqrt(m * T); // twice critical damping: overdamped regime
        var dyn = new FisherRaoDynamics(E, T, FisherRaoDynamics.Settings.of(m, gamma));
        for (int trial = 0; trial < 6; trial++) {
            double[] rho0 = randomSimplex(r, E.length);
            if (trial == 0) rho0 = new double[]{1e-6, 1 - 4e-6, 1e-6, 1e-6, 1e-6}; // near a vertex
            var tr = dyn.integrate(rho0, null, 80, 801);
            for (int k = 1; k < tr.size(); k++) {
                double prev = tr.distance()[k - 1], cur = tr.distance()[k];
                if (prev < 1e-10) break; // at round-off level
                assertTrue(cur <= prev, "trial " + trial + ": distance rose at t=" + tr.t()[k] + " " + prev + " → " + cur);
            }
            assertTrue(tr.distance()[tr.size() - 1] < 1e-6 * tr.distance()[0] + 1e-12, "did not relax");
        }
    }

    @Test
    void underdampedDistanceIsNotMonotone() {
        // the monotonicity test above can fail: below critical damping the state overshoots and oscillates
        double m = 1.0;
        var dyn = new FisherRaoDynamics(E, T, FisherRaoDynamics.Settings.of(m, 0.2 * Math.sqrt(m * T)));
        var tr = dyn.integrate(new double[]{0.02, 0.9, 0.02, 0.04, 0.02}, null, 40, 801);
        boolean rose = false;
        for (int k = 1; k < tr.size(); k++) rose |= tr.distance()[k] > tr.distance()[k - 1] + 1e-9;
        assertTrue(rose);
    }

    @Test
    void exactZerosAreInvariant() {
        var dyn = new FisherRaoDynamics(E, T, FisherRaoDynamics.Settings.of(1.0, 2.0));
        var tr = dyn.integrate(new double[]{0.5, 0.0, 0.5, 0.0, 0.0}, null, 50, 101);
        assertEquals(3, tr.initialZeros());
        double[] last = tr.rho()[tr.size() - 1];
        assertEquals(0.0, last[1]);
        assertEquals(0.0, last[4]);
        // relaxes to the softmax restricted to the support {0, 2}
        double[] pSub = BoltzmannEnsemble.probabilities(new double[]{E[0], E[2]}, T);
        assertEquals(pSub[0], last[0], 1e-9);
        assertEquals(pSub[1], last[2], 1e-9);
    }

    @Test
    void bhattacharyyaAngleMatchesArccos() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = randomSimplex(r, 7), b = randomSimplex(r, 7);
            double bc = 0;
            for (int i = 0; i < 7; i++) bc += Math.sqrt(a[i] * b[i]);
            assertEquals(Math.acos(Math.min(1, bc)), FisherRaoDynamics.bhattacharyyaAngle(a, b), 1e-12);
        }
        assertEquals(Math.PI / 2, FisherRaoDynamics.bhattacharyyaAngle(new double[]{1, 0}, new double[]{0, 1}), 1e-15);
        assertEquals(0.0, FisherRaoDynamics.bhattacharyyaAngle(new double[]{0.3, 0.7}, new double[]{0.3, 0.7}));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(InvalidInputException.class, () -> FisherRaoDynamics.Settings.of(0, 0));
        assertThrows(InvalidInputException.class, () -> FisherRaoDynamics.Settings.of(-1, 0));
        assertThrows(InvalidInputException.class, () -> FisherRaoDynamics.Settings.of(Double.NaN, 0));
        assertThrows(InvalidInputException.class, () -> FisherRaoDynamics.Settings.of(1, -0.1));
        assertThrows(InvalidInputException.class, () -> FisherRaoDynamics.Settings.of(1, Double.POSITIVE_INFINITY));
        var s = FisherRaoDynamics.Settings.of(1, 0);
        assertThrows(InvalidInputException.class, () -> new FisherRaoDynamics(E, 0, s));
        assertThrows(InvalidInputException.class, () -> new FisherRaoDynamics(new double[]{1, Double.NaN}, 1, s));
        var dyn = new FisherRaoDynamics(E, T, s);
        double[] u = FisherRaoDynamics.uniform(E.length);
        assertThrows(InvalidInputException.class, () -> dyn.integrate(u, null, 0, 10));
        assertThrows(InvalidInputException.class, () -> dyn.integrate(u, null, -1, 10));
        assertThrows(InvalidInputException.class, () -> dyn.integrate(new double[]{0.5, 0.5}, null, 1, 10));
        assertThrows(InvalidInputException.class, () -> dyn.integrate(new double[]{0.5, 0.5, 0.5, 0, 0}, null, 1, 10));
        assertThrows(InvalidInputException.class, () -> dyn.integrate(new double[]{1.2, -0.2, 0, 0, 0}, null, 1, 10));
    }
}
