package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The γ = 1 asymptote and the collapse function against 30-digit mpmath values (reference/make_critical_table.py,
 * which checks the asymptote by two independent routes — Hurwitz-zeta differences and Euler–Maclaurin — before
 * writing the table): exact Var(ln d) near γ = 1 for N = 1e3 … 1e15 to 1e-13 relative, g(x) to 1e-14 relative.
 */
class CriticalScalingTest {

    static List<String[]> rows() throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                CriticalScalingTest.class.getResourceAsStream("reference/critical_reference.csv")), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) rows.add(line.split(","));
            return rows;
        }
    }

    @Test
    void exactSumsAndCollapseMatchMpmath() throws IOException {
        List<String[]> rows = rows();
        assertTrue(rows.size() > 90, "table too small: " + rows.size());
        for (String[] r : rows) {
            long n = Long.parseLong(r[0]);
            double x = Double.parseDouble(r[1]), gamma = Double.parseDouble(r[2]);
            double var = Double.parseDouble(r[3]), g = Double.parseDouble(r[4]);
            double got = new DistanceEnsemble(gamma, 0, n).thermodynamics().varLogDistance();
            assertEquals(var, got, 1e-13 * var, "Var(ln d) at N=" + n + " γ=" + gamma);
            assertEquals(g, CriticalScaling.collapse(x), 1e-14 * g, "g(" + x + ")");
            CriticalScaling.CollapsePoint p = CriticalScaling.collapsePoint(n, x);
            double l = Math.log((double) n);
            assertEquals(var / (l * l), p.scaledCv(), 1e-12 * var / (l * l), "scaled C_V at N=" + n + " x=" + x);
        }
    }

    @Test
    void twoTermAsymptoteLeavesAnOneOverLRemainderWithTheStieltjesCoefficient() throws IOException {
        double c1 = CriticalScaling.remainderCoefficient();
        assertEquals(0.034459088022128595868, c1, 1e-16);
        for (String[] r : rows()) {
            if (!r[1].equals("0")) continue;
            long n = Long.parseLong(r[0]);
            double l = Math.log((double) n), var = Double.parseDouble(r[3]);
            double remainder = var - CriticalScaling.twoTermAsymptote(n);
            // the script found (Var − A₂ − c₁/L)·L² within [−0.03, 0.004] on this grid
            assertTrue(Math.abs((remainder - c1 / l) * l * l) < 0.05, "N=" + n + ": remainder " + remainder);
        }
    }

    @Test
    void collapseIsEvenSmoothAndHasTheLimits() {
        assertEquals(1.0 / 12, CriticalScaling.collapse(0), 0);
        for (double x : new double[]{0.3, 0.999999, 1.000001, 2.5, 40, 800}) {
            assertEquals(CriticalScaling.collapse(x), CriticalScaling.collapse(-x), 0);
        }
        // the series and the closed form meet at |x| = 1
        assertEquals(CriticalScaling.collapse(Math.nextDown(1.0)), CriticalScaling.collapse(1.0), 1e-15);
        assertEquals(1 / 640000.0, CriticalScaling.collapse(800), 0); // 1/x² once e^{−|x|} underflows
        assertThrows(InvalidInputException.class, () -> CriticalScaling.collapse(Double.NaN));
        assertThrows(InvalidInputException.class, () -> CriticalScaling.twoTermAsymptote(1));
    }
}
