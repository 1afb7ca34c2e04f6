package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eq. 28's bound B(n) against 40-digit mpmath references (reference/make_cv_bound_table.py, which also checks the
 * two-level form against a general n-point optimisation for n ≤ 6), and against the ensemble itself: no energy
 * assignment over n keys, at any temperature, shows a C_v above B(n).
 */
class SpecificHeatBoundTest {

    @Test
    void matchesMpmathReference() throws IOException {
        int rows = 0;
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                SpecificHeatBoundTest.class.getResourceAsStream("reference/cv_bound_reference.csv")), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; rows++) {
                String[] r = line.split(",");
                int n = Integer.parseInt(r[0]);
                double ref = Double.parseDouble(r[1]);
                assertEquals(ref, SpecificHeatBound.maximum(n), 1e-12 * Math.max(ref, 1), "B(" + n + ")");
            }
        }
        assertTrue(rows >= 16, "reference rows: " + rows);
    }

    @Test
    void noEnsembleExceedsTheBound() {
        SplittableRandom rng = new SplittableRandom(28);
        for (int n = 2; n <= 17; n++) {
            double b = SpecificHeatBound.maximum(n), worst = 0;
            for (int trial = 0; trial < 400; trial++) {
                double[] e = new double[n];
                double scale = Math.pow(10, rng.nextDouble(-2, 2));
                for (int i = 0; i < n; i++) e[i] = scale * rng.nextGaussian();
                if (trial % 2 == 0) for (int i = 1; i < n; i++) e[i] = e[0] + Math.abs(e[i]) + scale; // one key apart from the rest
                worst = Math.max(worst, BoltzmannEnsemble.of(e, Math.pow(10, rng.nextDouble(-2, 2))).Cv());
            }
            assertTrue(worst <= b + 1e-12, "n = " + n + ": C_v " + worst + " > B = " + b);
        }
    }

    @Test
    void oneKeyHasNoSpecificHeatAndNoKeysIsAnError() {
        assertEquals(0, SpecificHeatBound.maximum(1));
        assertThrows(InvalidInputException.class, () -> SpecificHeatBound.maximum(0));
    }
}
