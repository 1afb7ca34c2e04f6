package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator against closed forms of the harmonic well (β = 0, α &gt; 0), where V = α|Φ|² and each of the
 * d real components is Gaussian. The Euler–Maruyama chain x' = (1 − 2αΔt)x + √(2DΔt)ξ has the exact stationary
 * variance σ² = D / (2α(1 − αΔt)) (→ D/(2α) as Δt → 0), hence ⟨|Φ|²⟩ = dσ² and
 * C_v = Var(V)/D² = d / (2(1 − αΔt)²) (→ d/2, equipartition). Tolerance: 4 standard errors of the estimator
 * (the walkers are independent): SE(⟨|Φ|²⟩) = dσ²·√(2/(dM)); SE(sample variance of V)/Var(V) = √((κ − 1)/M)
 * with κ = μ4/σ⁴ of a χ²_d variable = 3 + 12/d (√(14/M) for d = 1, √(8/M) for d = 2).
 */
class LangevinSimulatorTest {

    private static double sampleVarianceRelativeSe(int d, int m) {
        double kurtosis = 3 + 12.0 / d;
        return Math.sqrt((kurtosis - 1) / m);
    }

    @ParameterizedTest
    @EnumSource(FieldKind.class)
    void harmonicWellMatchesTheEulerMaruyamaStationaryLaw(FieldKind field) {
        double alpha = 10;
        double noise = 1;
        double dt = 0.01;
        int m = 100_000;
        var cfg = new LangevinConfig(field, new CwPotential(0, 1), noise, dt, m, 7, 2);
        Trajectory tr = LangevinSimulator.run(cfg, new AlphaSchedule.Constant(alpha), 0.5, 50, 2.0,
                ProgressListener.NONE);
        int last = tr.size() - 1;
        int d = field.components();
        double sigma2 = noise / (2 * alpha * (1 - alpha * dt));
        double expectedPhiSq = d * sigma2;
        double sePhiSq = expectedPhiSq * Math.sqrt(2.0 / (d * m));
        assertEquals(expectedPhiSq, tr.meanPhiSq()[last], 4 * sePhiSq, "<|Phi|^2>");
        // the continuum value D/(2α) per component is 10% lower: the test resolves the Euler–Maruyama bias
        assertTrue(Math.abs(tr.meanPhiSq()[last] - d * noise / (2 * alpha)) > 8 * sePhiSq);
        double expectedCv = d / (2 * Math.pow(1 - alpha * dt, 2));
        double seCv = expectedCv * sampleVarianceRelativeSe(d, m);
        assertEquals(expectedCv, tr.cv()[last], 4 * seCv, "C_v");
        assertEquals(alpha * expectedPhiSq, tr.meanV()[last], 4 * alpha * sePhiSq, "<V>");
    }

    @ParameterizedTest
    @EnumSource(FieldKind.class)
    void smallStepGivesEquipartition(FieldKind field) {
        // αΔt = 0.005: the exact discrete values are within 1% of the continuum ones (C_v = d/2, Var Φ = D/(2α))
        double alpha = 5;
        double noise = 0.5;
        double dt = 0.001;
        int m = 20_000;
        var cfg = new LangevinConfig(field, new CwPotential(0, 1), noise, dt, m, 11, 2);
        // 5 snapshots 0.3 apart: correlation of |Φ|² between them e^{-4α·0.3} = e^{-6}, treated as independent
        Trajectory tr = LangevinSimulator.run(cfg, new AlphaSchedule.Constant(alpha), 1.2, 300, 0.8,
                ProgressListener.NONE);
        assertEquals(5, tr.size());
        int d = field.components();
        double cv = 0;
        double phiSq = 0;
        for (int r = 0; r < tr.size(); r++) {
            cv += tr.cv()[r] / tr.size();
            phiSq += tr.meanPhiSq()[r] / tr.size();
        }
        int samples = m * tr.size();
        double sigma2 = noise / (2 * alpha * (1 - alpha * dt));
        assertEquals(d * sigma2, phiSq, 4 * d * sigma2 * Math.sqrt(2.0 / (d * samples)), "<|Phi|^2>");
        double expectedCv = d / (2 * Math.pow(1 - alpha * dt, 2));
        assertEquals(expectedCv, cv, 4 * expectedCv * sampleVarianceRelativeSe(d, samples), "C_v");
        assertEquals(d / 2.0, cv, 0.01 * d / 2.0 + 4 * expectedCv * sampleVarianceRelativeSe(d, samples),
                "C_v vs equipartition d/2");
    }

    @ParameterizedTest
    @EnumSource(FieldKind.class)
    void resultsAreBitIdenticalForAnyThreadCount(FieldKind field) {
        var cfg = new LangevinConfig(field, new CwPotential(1, 1), 0.1, 0.01, 3 * LangevinSimulator.CHUNK + 123,
                2026, 1);
        var schedule = new AlphaSchedule.Linear(1, -2, 2);
        Trajectory one = LangevinSimulator.run(cfg, schedule, 2, 7, 0.5, ProgressListener.NONE);
        Trajectory two = LangevinSimulator.run(cfg.withThreads(2), schedule, 2, 7, 0.5, ProgressListener.NONE);
        Trajectory three = LangevinSimulator.run(cfg.withThreads(3), schedule, 2, 7, 0.5, ProgressListener.NONE);
        for (Trajectory other : new Trajectory[] {two, three}) {
            assertArrayEquals(one.meanV(), other.meanV(), 0.0);
            assertArrayEquals(one.varV(), other.varV(), 0.0);
            assertArrayEquals(one.cv(), other.cv(), 0.0);
            assertArrayEquals(one.meanAbsPhi(), other.meanAbsPhi(), 0.0);
            assertArrayEquals(one.meanPhiSq(), other.meanPhiSq(), 0.0);
        }
        Trajectory reseeded = LangevinSimulator.run(cfg.withSeed(2027), schedule, 2, 7, 0.5, ProgressListener.NONE);
        assertFalse(java.util.Arrays.equals(one.varV(), reseeded.varV()));
        double[] w1 = LangevinSimulator.runWithWork(cfg, schedule, 2, 7, 0.5, ProgressListener.NONE).work();
        double[] w3 = LangevinSimulator.runWithWork(cfg.withThreads(3), schedule, 2, 7, 0.5, ProgressListener.NONE).work();
        assertEquals(cfg.walkers(), w1.length);
        assertArrayEquals(w1, w3, 0.0);
    }

    @ParameterizedTest
    @EnumSource(FieldKind.class)
    void quenchWorkIsTheEquilibriumPhiSquaredTimesTheJump(FieldKind field) {
        // harmonic well α = 2 quenched to α = 3 at t = 0.5: W = |Φ|²·Δα at the quench, with ⟨|Φ|²⟩ = dσ² of the
        // Euler–Maruyama law, σ² = D/(2α(1 − αΔt)); nothing else changes α, so W is that single term
        double alpha = 2, jump = 1, noise = 0.5, dt = 0.01;
        int m = 50_000;
        var cfg = new LangevinConfig(field, new CwPotential(0, 1), noise, dt, m, 9, 2);
        LangevinSimulator.Run run = LangevinSimulator.runWithWork(cfg, new AlphaSchedule.Quench(alpha, alpha + jump, 0.5), 1,
                100, 2.0, ProgressListener.NONE);
        int d = field.components();
        double phiSq = d * noise / (2 * alpha * (1 - alpha * dt));
        double mean = java.util.Arrays.stream(run.work()).average().orElseThrow();
        double se = jump * phiSq * Math.sqrt(2.0 / (d * m));
        assertEquals(jump * phiSq, mean, 4 * se, "⟨W⟩");
        double[] constant = LangevinSimulator.runWithWork(cfg, new AlphaSchedule.Constant(alpha), 1, 100, 0.5,
                ProgressListener.NONE).work();
        assertTrue(java.util.Arrays.stream(constant).allMatch(w -> w == 0), "no work at constant α");
    }

    @Test
    void recordsTheRequestedStepsAndTheLastOne() {
        var cfg = new LangevinConfig(FieldKind.REAL, new CwPotential(1, 1), 0.1, 0.01, 2, 1, 1);
        Trajectory tr = LangevinSimulator.run(cfg, new AlphaSchedule.Linear(1, -1, 1), 1, 30, 0, ProgressListener.NONE);
        // steps 0, 30, 60, 90 and the last, 100
        assertArrayEquals(new double[] {0, 0.3, 0.6, 0.9, 1.0}, tr.t(), 1e-12);
        assertArrayEquals(new double[] {1, 0.4, -0.2, -0.8, -1.0}, tr.alpha(), 1e-12);
        assertEquals(0.0, tr.varV()[0], 0.0); // every walker starts at Φ = 0, V = 0
    }

    @Test
    void walkersStartingAtTheOriginLeaveIt() {
        // at Φ = 0 the gradient is 0 (u ln u → 0); noise alone moves the walkers, and nothing turns NaN
        var cfg = new LangevinConfig(FieldKind.COMPLEX, new CwPotential(2, 0.5), 0.05, 0.01, 1000, 3, 1);
        Trajectory tr = LangevinSimulator.run(cfg, new AlphaSchedule.Constant(-1), 3, 100, 0, ProgressListener.NONE);
        for (double x : tr.cv()) {
            assertTrue(Double.isFinite(x));
        }
        // the walkers settle near the vacuum |Φ|² = v² e^{-1-α/β}
        double u = cfg.potential().minimumU(-1);
        assertEquals(u, tr.meanPhiSq()[tr.size() - 1], 0.1 * u);
    }

    @Test
    void badParametersAreRejected() {
        var pot = new CwPotential(1, 1);
        assertThrows(InvalidInputException.class, () -> new LangevinConfig(FieldKind.REAL, pot, 1, 0, 10, 1, 1));
        assertThrows(InvalidInputException.class, () -> new LangevinConfig(FieldKind.REAL, pot, 1, -0.1, 10, 1, 1));
        assertThrows(InvalidInputException.class,
                () -> new LangevinConfig(FieldKind.REAL, pot, Double.NaN, 0.01, 10, 1, 1));
        assertThrows(InvalidInputException.class, () -> new LangevinConfig(FieldKind.REAL, pot, 1, 0.01, 1, 1, 1));
        assertThrows(InvalidInputException.class, () -> new CwPotential(-1, 1));
        assertThrows(InvalidInputException.class, () -> new CwPotential(1, 0));
        assertThrows(InvalidInputException.class, () -> new CwPotential(Double.POSITIVE_INFINITY, 1));
        assertThrows(InvalidInputException.class, () -> new AlphaSchedule.Linear(0, Double.NaN, 1));
        var cfg = new LangevinConfig(FieldKind.REAL, pot, 1, 0.01, 10, 1, 1);
        assertThrows(InvalidInputException.class,
                () -> LangevinSimulator.run(cfg, new AlphaSchedule.Constant(1), 0, 1, 0, ProgressListener.NONE));
    }
}
