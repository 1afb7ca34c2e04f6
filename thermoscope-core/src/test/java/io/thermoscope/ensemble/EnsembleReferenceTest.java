package io.thermoscope.ensemble;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares every ensemble quantity with 40-digit mpmath references (reference/make_ensemble_table.py):
 * n = 1 … 10^5, energy scales 1e-6 … 1e4, T = 1e-3 … 1e3, all-equal and degenerate ground states.
 * Tolerance: |x − ref| ≤ 1e-12 · max(|ref|, 1e-3) (relative, absolute below 1e-3).
 */
class EnsembleReferenceTest {
    static final double TOL = 1e-12;

    static double[] energies(String pattern, int n, double scale) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = switch (pattern) {
                case "mix" -> scale * ((double) (((long) i * 7919 + 13) % 1009 - 504) / 504.0);
                case "equal" -> scale;
                case "degenerate" -> scale * (i < 2 ? 0.0 : 1.0 + (double) (i % 7) / 7.0);
                default -> throw new IllegalArgumentException(pattern);
            };
        }
        return e;
    }

    static List<String[]> rows() throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                EnsembleReferenceTest.class.getResourceAsStream("reference/ensemble_reference.csv")), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) rows.add(line.split(","));
            return rows;
        }
    }

    @Test
    void everyQuantityMatchesMpmathTo1e12() throws IOException {
        String[] names = {"logZ", "F", "U", "S", "Cv", "varE", "nEff"};
        double worst = 0;
        String worstWhere = "";
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (String[] r : rows()) {
            int n = Integer.parseInt(r[1]);
            double scale = Double.parseDouble(r[2]), T = Double.parseDouble(r[3]);
            EnsembleStatistics st = BoltzmannEnsemble.of(energies(r[0], n, scale), T);
            double[] got = {st.logZ(), st.F(), st.U(), st.S(), st.Cv(), st.varE(), st.nEff()};
            for (int k = 0; k < names.length; k++) {
                double ref = Double.parseDouble(r[4 + k]);
                double err = Math.abs(got[k] - ref) / Math.max(Math.abs(ref), 1e-3);
                checked++;
                if (err > worst) {
                    worst = err;
                    worstWhere = names[k] + " for " + String.join(",", r[0], r[1], r[2], r[3]);
                }
                if (!(err <= TOL)) failures.add(names[k] + " " + String.join(",", r[0], r[1], r[2], r[3]) + ": got " + got[k] + " want " + ref);
            }
        }
        System.out.printf("ensemble vs mpmath: %d values, worst scaled error %.3e (%s)%n", checked, worst, worstWhere);
        assertTrue(failures.isEmpty(), () -> failures.size() + " mismatches, first: " + failures.get(0));
        assertTrue(checked > 1000);
    }

    @Test
    void allEqualEnergiesGiveMaximalEntropyAndExactlyZeroHeat() {
        for (int n : new int[] {1, 2, 7, 1000, 100_000}) {
            EnsembleStatistics st = BoltzmannEnsemble.of(energies("equal", n, -3.25), 0.7);
            assertEquals(Math.log(n), st.S(), 1e-15 * Math.max(1, Math.log(n)));
            assertEquals(0.0, st.Cv());
            assertEquals(0.0, st.varE());
            assertEquals(n, st.nEff(), 1e-12 * n);
            assertEquals(-3.25, st.U());
        }
    }

    @Test
    void zeroTemperatureLimitHasNoNaN() {
        double[] e = energies("mix", 1000, 1.0);
        for (double T : new double[] {1e-7, 1e-12, 1e-200, Double.MIN_NORMAL, Double.MIN_VALUE}) { // min gap 1/504 ≫ 745 T
            EnsembleStatistics st = BoltzmannEnsemble.of(e, T);
            for (double v : new double[] {st.logZ(), st.F(), st.U(), st.S(), st.Cv(), st.varE(), st.nEff()}) {
                assertTrue(!Double.isNaN(v), "NaN at T = " + T + ": " + st);
            }
            assertEquals(st.eMin(), st.U(), 0.0);
            assertEquals(0.0, st.S(), 0.0);
            assertEquals(1.0, st.nEff(), 0.0);
        }
        EnsembleStatistics deg = BoltzmannEnsemble.of(energies("degenerate", 10, 1.0), Double.MIN_VALUE);
        assertEquals(Math.log(2), deg.S(), 1e-15);
        assertEquals(2.0, deg.nEff(), 1e-15);
    }
}
