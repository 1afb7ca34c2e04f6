package io.thermoscope.eos;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EquationOfStateFitTest {
    static final double A = 2.0, B = 0.3, C = 5.0;

    /** Synthetic van der Waals pressures P = C/(V − B) − A/V² (+ Gaussian noise σ) at V = 1 … 20. */
    static PressureVolumeData vdw(double a, double b, double c, double sigma, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n], p = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(20) * i / (n - 1)); // 1 … 20, log-spaced
            p[i] = c / (v[i] - b) - a / (v[i] * v[i]) + sigma * r.nextGaussian();
        }
        return new PressureVolumeData(v, p, 0, "synthetic");
    }

    @Test
    void exactDataAreRecoveredExactly() {
        var res = EquationOfStateFit.fit(vdw(A, B, C, 0, 0, 30), Double.NaN);
        var m = res.vanDerWaals();
        assertEquals(A, m.parameter("a").value(), 1e-8 * A);
        assertEquals(B, m.parameter("b").value(), 1e-8);
        assertEquals(C, m.parameter("NkT").value(), 1e-8 * C);
        assertEquals("vanDerWaals", res.preferredByBic());
        assertEquals("vanDerWaals", res.preferredByAic());
    }

    @Test
    void noisyDataAreRecoveredWithinTheirUncertainty() {
        var res = EquationOfStateFit.fit(vdw(A, B, C, 0.002, 42, 40), Double.NaN);
        var m = res.vanDerWaals();
        for (String name : new String[] {"a", "b"}) {
            var p = m.parameter(name);
            double truth = name.equals("a") ? A : B;
            assertTrue(p.sigma() > 0 && p.sigma() < 0.1, name + " σ = " + p.sigma());
            assertTrue(Math.abs(p.value() - truth) < 3 * p.sigma(), name + " = " + p.value() + " ± " + p.sigma());
        }
        assertTrue(Math.abs(m.parameter("NkT").value() - C) < 3 * m.parameter("NkT").sigma());
        assertEquals(0.002, m.sigma(), 0.0006, "residual σ");
        assertEquals("vanDerWaals", res.preferredByBic());
        assertTrue(res.deltaBic() < -10, "ΔBIC = " + res.deltaBic());
    }

    @Test
    void uncertaintiesAreCalibrated() {
        // over 300 noise realisations, |â − a| ≤ σ̂_a should hold ≈ 68.3 % of the time (binomial sd 2.7 %);
        // accepted band 0.58–0.78 (±3.7 sd; the t-distribution with n − 3 = 37 dof makes it slightly lower)
        int within = 0, withinB = 0, trials = 300;
        for (int s = 0; s < trials; s++) {
            var m = EquationOfStateFit.fit(vdw(A, B, C, 0.01, 1000 + s, 40), Double.NaN).vanDerWaals();
            if (Math.abs(m.parameter("a").value() - A) <= m.parameter("a").sigma()) within++;
            if (Math.abs(m.parameter("b").value() - B) <= m.parameter("b").sigma()) withinB++;
        }
        double fa = within / (double) trials, fb = withinB / (double) trials;
        assertTrue(fa > 0.58 && fa < 0.78, "coverage of a: " + fa);
        assertTrue(fb > 0.58 && fb < 0.78, "coverage of b: " + fb);
    }

    @Test
    void idealGasDataPreferTheIdealGas() {
        int ideal = 0, trials = 100;
        for (int s = 0; s < trials; s++) {
            var res = EquationOfStateFit.fit(vdw(0, 0, C, 0.002, 7000 + s, 40), Double.NaN);
            if (res.preferredByBic().equals("ideal")) ideal++;
            if (s == 0) {
                var p = res.ideal().parameter("NkT");
                assertTrue(Math.abs(p.value() - C) < 3 * p.sigma(), "ideal NkT " + p.value() + " ± " + p.sigma());
            }
        }
        // with 2 extra parameters, ΔBIC = −χ²₂ + 2 ln 40: a false preference for vdW has probability ≈ 2.5 %
        assertTrue(ideal >= 90, "BIC preferred the ideal gas in " + ideal + "/100");
    }

    @Test
    void givenNkTFitsOnlyAAndB() {
        var res = EquationOfStateFit.fit(vdw(A, B, C, 0.002, 3, 40), C);
        var m = res.vanDerWaals();
        assertEquals(2, m.k());
        assertTrue(m.parameter("NkT").fixed());
        assertEquals(C, m.parameter("NkT").value());
        assertTrue(Math.abs(m.parameter("a").value() - A) < 3 * m.parameter("a").sigma());
        assertTrue(Math.abs(m.parameter("b").value() - B) < 3 * m.parameter("b").sigma());
        assertEquals(0, res.ideal().k());
    }

    /** Interval (first-law) pressures ∫_{V−1}^{V} P dv of van der Waals at V = 2 … n+1, plus noise. */
    static PressureVolumeData vdwInterval(double a, double b, double c, double sigma, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n], p = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 2;
            // closed-form integral: c ln((V−b)/(V−1−b)) − a (1/(V−1) − 1/V)
            p[i] = c * Math.log((v[i] - b) / (v[i] - 1 - b)) - a * (1 / (v[i] - 1) - 1 / v[i]) + sigma * r.nextGaussian();
        }
        return new PressureVolumeData(v, p, 0, "synthetic interval");
    }

    @Test
    void intervalFormRecoversVanDerWaalsAndTheIdealGas() {
        var form = EquationOfStateFit.PressureForm.INTERVAL;
        var exact = EquationOfStateFit.fit(vdwInterval(A, B, C, 0, 0, 40), Double.NaN, form).vanDerWaals();
        assertEquals(A, exact.parameter("a").value(), 1e-7 * A);
        assertEquals(B, exact.parameter("b").value(), 1e-8);
        assertEquals(C, exact.parameter("NkT").value(), 1e-8 * C);
        // exact ideal-gas first-law differences T ln(V/(V−1)): the interval form fits them with a = b = 0 ...
        var ideal = EquationOfStateFit.fit(vdwInterval(0, 0, 2, 0, 0, 198), Double.NaN, form);
        assertEquals(2, ideal.ideal().parameter("NkT").value(), 1e-12);
        // a and b are strongly correlated over V = 2 … 199 (both act through 1/V²), so they are recovered to ~1e-7
        assertEquals(0, ideal.vanDerWaals().parameter("a").value(), 1e-6);
        assertEquals(0, ideal.vanDerWaals().parameter("b").value(), 1e-6);
        // ... and with noise the ideal gas is preferred, whereas the point form is fooled by the discretisation
        var noisy = vdwInterval(0, 0, 2, 1e-4, 5, 198);
        assertEquals("ideal", EquationOfStateFit.fit(noisy, Double.NaN, form).preferredByBic());
        var fooled = EquationOfStateFit.fit(noisy, Double.NaN, EquationOfStateFit.PressureForm.POINT);
        assertEquals("vanDerWaals", fooled.preferredByBic());
        assertTrue(fooled.vanDerWaals().parameter("b").value() > 0.3);
    }

    @Test
    void readsTheFirstLawCsv(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pv.csv");
        StringBuilder sb = new StringBuilder("V,F,U,S,pressure,idealPressure,idealPressureExact,nEffAttention,kappa\n");
        sb.append("1,0,0,0,NaN,1,NaN,1,NaN\n");
        for (int v = 2; v <= 12; v++) sb.append(v).append(",0,0,0,").append(C / (v - B) - A / (v * v)).append(",0,0,1,0\n");
        Files.writeString(f, sb.toString());
        assertTrue(PressureVolumeData.isFirstLawCsv(f));
        var data = PressureVolumeData.readCsv(f, null, null);
        assertEquals(1, data.skipped());
        assertEquals(11, data.volume().length);
        assertEquals(2.0, data.volume()[0]);
        var m = EquationOfStateFit.fit(data, Double.NaN).vanDerWaals();
        assertEquals(A, m.parameter("a").value(), 1e-7);
        assertEquals(B, m.parameter("b").value(), 1e-7);
    }

    @Test
    void badInput(@TempDir Path dir) throws Exception {
        assertThrows(InvalidInputException.class, () -> EquationOfStateFit.fit(vdw(A, B, C, 0, 0, 5), Double.NaN));
        assertThrows(InvalidInputException.class, () -> EquationOfStateFit.fit(vdw(A, B, C, 0, 0, 20), -1));
        assertThrows(InvalidInputException.class, () -> new PressureVolumeData(new double[] {1, -2}, new double[] {1, 1}, 0, "x"));
        assertThrows(InvalidInputException.class, () -> new PressureVolumeData(new double[] {1, 2}, new double[] {1, Double.NaN}, 0, "x"));
        assertThrows(InvalidInputException.class, () -> EquationOfStateFit.fit(vdw(A, B, C, 0, 0, 20), Double.NaN,
                EquationOfStateFit.PressureForm.INTERVAL)); // V = 1 is not allowed for interval pressures
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "volume,P\n1,2\n");
        assertThrows(InvalidInputException.class, () -> PressureVolumeData.readCsv(f, null, null));
        Files.writeString(f, "V,P\n1,abc\n");
        assertThrows(InvalidInputException.class, () -> PressureVolumeData.readCsv(f, null, null));
        assertThrows(InvalidInputException.class, () -> PressureVolumeData.readCsv(dir.resolve("missing.csv"), null, null));
    }

    /** Every outcome of the comparison from synthetic evidence, and the refusal of data that cannot decide. */
    @Test
    void eachOutcomeFromSyntheticEvidence() {
        record Case(String name, PressureVolumeData data, EquationOfStateFit.Outcome want) {
        }
        double[] v = new double[30], ideal = new double[30], huge = new double[30];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 + i;
            ideal[i] = 5 / v[i] + 1e-3 * r.nextGaussian();   // PV = NkT with noise: the extra parameters do not pay
            huge[i] = 1e200 * (1 + i % 3);                   // squares overflow: no finite residual sum
        }
        for (Case c : java.util.List.of(
                new Case("van der Waals data", vdw(A, B, C, 0.002, 42, 40), EquationOfStateFit.Outcome.VAN_DER_WAALS_IMPROVES),
                new Case("ideal data", new PressureVolumeData(v, ideal, 0, "ideal"), EquationOfStateFit.Outcome.IDEAL_SUFFICES),
                new Case("pressures of 1e200", new PressureVolumeData(v, huge, 0, "huge"), EquationOfStateFit.Outcome.INCONCLUSIVE))) {
            var res = EquationOfStateFit.fit(c.data(), Double.NaN);
            assertEquals(c.want(), res.outcome(), c.name() + ": " + res.verdict());
            if (c.want() == EquationOfStateFit.Outcome.INCONCLUSIVE) {
                assertTrue(res.verdict().startsWith("inconclusive"), res.verdict());
            }
        }
    }

    @Test
    void allEqualVolumesAreRefusedNotReadAsAnIdealGas() {
        double[] v = new double[10], p = new double[10];
        java.util.Arrays.fill(v, 4.0);
        for (int i = 0; i < p.length; i++) p[i] = 1 + 0.01 * i;
        var e = assertThrows(InvalidInputException.class,
                () -> EquationOfStateFit.fit(new PressureVolumeData(v, p, 0, "flat"), Double.NaN));
        assertEquals("the fit needs at least 4 distinct volumes, got 1 (every row has V = 4.0)", e.getMessage());
    }
}
