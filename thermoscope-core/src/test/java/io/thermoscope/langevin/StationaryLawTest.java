package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StationaryLaw against 30-digit mpmath quadrature (reference/make_table.py); relative tolerance 1e-9. */
class StationaryLawTest {

    @Test
    void matchesMpmathQuadrature() throws IOException {
        int n = 0;
        try (var in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/io/thermoscope/langevin/reference/equilibrium.csv"),
                StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",");
                FieldKind field = FieldKind.valueOf(f[0].toUpperCase(Locale.ROOT));
                double alpha = Double.parseDouble(f[1]);
                var pot = new CwPotential(Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                double noise = Double.parseDouble(f[4]);
                StationaryLaw.Moments m = StationaryLaw.of(field, pot, alpha, noise);
                String where = line;
                assertRel(Double.parseDouble(f[5]), m.meanV(), where + " meanV");
                assertRel(Double.parseDouble(f[6]), m.varV(), where + " varV");
                assertRel(Double.parseDouble(f[7]), m.cv(), where + " cv");
                assertRel(Double.parseDouble(f[8]), m.meanAbsPhi(), where + " meanAbsPhi");
                assertRel(Double.parseDouble(f[9]), m.meanPhiSq(), where + " meanPhiSq");
                n++;
            }
        }
        assertEquals(16, n);
    }

    private static void assertRel(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected), what);
    }

    @Test
    void harmonicWellIsEquipartition() {
        for (FieldKind f : FieldKind.values()) {
            var m = StationaryLaw.of(f, new CwPotential(0, 1), 0.7, 0.2);
            assertEquals(f.components() / 2.0, m.cv(), 1e-10);
            assertEquals(f.components() * 0.2 / (2 * 0.7), m.meanPhiSq(), 1e-10); // D/(2α) per component
        }
    }

    @Test
    void dependsOnNoiseOnlyThroughAShiftOfAlpha() {
        // Φ → λΦ maps V(α) to λ²V(α + β ln λ²): C_v(α, D) = C_v(α + β ln(D'/D)·…): check C_v(α, D) = C_v(α', D')
        var pot = new CwPotential(1, 1);
        double c1 = StationaryLaw.of(FieldKind.REAL, pot, -0.4, 0.1).cv();
        double c2 = StationaryLaw.of(FieldKind.REAL, pot, -0.4 - Math.log(10), 1.0).cv();
        assertEquals(c1, c2, 1e-9);
        assertTrue(c1 > 0.5);
    }

    @Test
    void freeEnergyMatchesClosedFormsAndThermodynamicIntegration() {
        // harmonic well: Z = √(πD/α) on the line, πD/α in the plane
        double alpha = 0.7, noise = 0.2;
        assertEquals(-noise * Math.log(Math.sqrt(Math.PI * noise / alpha)),
                StationaryLaw.of(FieldKind.REAL, new CwPotential(0, 1), alpha, noise).freeEnergy(), 1e-10);
        assertEquals(-noise * Math.log(Math.PI * noise / alpha),
                StationaryLaw.of(FieldKind.COMPLEX, new CwPotential(0, 1), alpha, noise).freeEnergy(), 1e-10);
        // Landau at α = 0: Z = 2∫ e^{−bΦ⁴/D} dΦ = Γ(1/4)(D/b)^{1/4}/2, and V/D is Gamma(1/4)-distributed: C_v = 1/4
        double b = 1.3, gammaQuarter = 3.6256099082219083119;
        StationaryLaw.Moments quartic = StationaryLaw.of(FieldKind.REAL, new LandauPotential(b), 0, noise);
        assertEquals(-noise * Math.log(gammaQuarter * Math.pow(noise / b, 0.25) / 2), quartic.freeEnergy(), 1e-10);
        assertEquals(0.25, quartic.cv(), 1e-9);
        assertEquals(0.5, StationaryLaw.of(FieldKind.COMPLEX, new LandauPotential(b), 0, noise).cv(), 1e-9);
        // dF/dα = ⟨∂V/∂α⟩ = ⟨|Φ|²⟩: ΔF over α ∈ [−3, 1] by Hipparchus's adaptive Gauss–Legendre on ⟨|Φ|²⟩
        for (OrderParameterPotential pot : new OrderParameterPotential[]{new CwPotential(1, 1), new LandauPotential(1)}) {
            double integral = new org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator(12, 1e-11, 1e-11)
                    .integrate(10_000, a -> StationaryLaw.of(FieldKind.REAL, pot, a, 0.1).meanPhiSq(), -3, 1);
            double dF = StationaryLaw.of(FieldKind.REAL, pot, 1, 0.1).freeEnergy() - StationaryLaw.of(FieldKind.REAL, pot, -3, 0.1).freeEnergy();
            assertEquals(integral, dF, 1e-8 * Math.abs(dF), pot.describe());
        }
    }

    @Test
    void unnormalisableLawIsRejected() {
        assertThrows(InvalidInputException.class,
                () -> StationaryLaw.of(FieldKind.REAL, new CwPotential(0, 1), -1, 0.1));
    }
}
