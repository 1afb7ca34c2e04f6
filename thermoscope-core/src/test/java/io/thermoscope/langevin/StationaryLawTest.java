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
    void unnormalisableLawIsRejected() {
        assertThrows(InvalidInputException.class,
                () -> StationaryLaw.of(FieldKind.REAL, new CwPotential(0, 1), -1, 0.1));
    }
}
