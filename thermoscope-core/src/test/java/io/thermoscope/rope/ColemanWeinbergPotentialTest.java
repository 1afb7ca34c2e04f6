package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColemanWeinbergPotentialTest {
    /** Rows of reference/cw_vacuum.csv (mpmath, 50 digits; see make_table.py beside it). */
    static List<double[]> table() throws Exception {
        try (var in = ColemanWeinbergPotentialTest.class.getResourceAsStream("reference/cw_vacuum.csv")) {
            assertTrue(in != null, "reference table missing");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().skip(1)
                    .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toList();
        }
    }

    @Test
    void closedFormsMatchTheMpmathTable() throws Exception {
        List<double[]> rows = table();
        assertEquals(6, rows.size());
        for (double[] r : rows) {
            var pot = new ColemanWeinbergPotential(r[0], r[1], r[2]);
            assertEquals(r[3], pot.vacuumRadius(), 1e-14 * r[3], "r_min");
            assertEquals(r[4], pot.vacuumEnergy(), 1e-13 * Math.abs(r[4]), "V_min = −β r_min²");
            assertEquals(r[4], pot.value(pot.vacuumRadius()), 1e-13 * Math.abs(r[4]), "V(r_min)");
            assertEquals(r[5], pot.higgsCurvature(), 1e-14 * r[5], "V''(r_min) = 4β");
            assertEquals(r[5], pot.radialCurvature(pot.vacuumRadius()), 1e-12 * r[5], "V'' formula at r_min");
            assertEquals(0, pot.radialDerivative(pot.vacuumRadius()), 1e-14 * r[5] * r[3], "V'(r_min)");
        }
    }

    @Test
    void phaseIndependence() {
        // V depends on |Φ| only: the U(1) symmetry (Eq. 29)
        var pot = new ColemanWeinbergPotential(-0.3, 0.7, 1.3);
        for (double r = 0.05; r < 3; r += 0.37) {
            double v0 = pot.value(r, 0);
            for (double phi = 0; phi < 2 * Math.PI; phi += 0.5) {
                assertEquals(v0, pot.value(r * Math.cos(phi), r * Math.sin(phi)), 1e-14 * (1 + Math.abs(v0)));
            }
        }
        assertEquals(0, pot.value(0, 0));
    }

    @Test
    void badParameters() {
        assertThrows(InvalidInputException.class, () -> new ColemanWeinbergPotential(0, 0, 1));
        assertThrows(InvalidInputException.class, () -> new ColemanWeinbergPotential(0, -1, 1));
        assertThrows(InvalidInputException.class, () -> new ColemanWeinbergPotential(0, 1, 0));
        assertThrows(InvalidInputException.class, () -> new ColemanWeinbergPotential(Double.NaN, 1, 1));
        assertThrows(InvalidInputException.class, () -> new ColemanWeinbergPotential(0, 1, Double.POSITIVE_INFINITY));
    }
}
