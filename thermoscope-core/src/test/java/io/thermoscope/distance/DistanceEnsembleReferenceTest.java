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
 * The distance ensemble against 30-digit mpmath references (reference/make_distance_table.py: polylog/zeta and their
 * s-derivatives for N = ∞, exact sums for N ≤ 1e5, Hurwitz-zeta differences for N = 1e9). Tolerance: 1e-10 relative
 * (absolute where |ref| &lt; 1e-3) — the bound for infinite sums — on ln Z, ⟨ln d⟩ and Var(ln d).
 */
class DistanceEnsembleReferenceTest {
    static final double TOL = 1e-10;

    static List<String[]> rows() throws IOException {
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DistanceEnsembleReferenceTest.class.getResourceAsStream("reference/distance_reference.csv")),
                StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) rows.add(line.split(","));
            return rows;
        }
    }

    @Test
    void momentsMatchMpmath() throws IOException {
        String[] names = {"logZ", "meanLogDistance", "varLogDistance"};
        double worst = 0;
        String worstWhere = "";
        List<String> failures = new ArrayList<>();
        List<String[]> rows = rows();
        assertTrue(rows.size() > 150, "reference table too small: " + rows.size());
        for (String[] r : rows) {
            double g = Double.parseDouble(r[0]), l = Double.parseDouble(r[1]);
            Long n = r[2].equals("inf") ? null : Long.parseLong(r[2]);
            DistanceEnsemble.Result res = new DistanceEnsemble(g, l, n).thermodynamics();
            double[] got = {res.logZ(), res.meanLogDistance(), res.varLogDistance()};
            for (int k = 0; k < 3; k++) {
                double ref = Double.parseDouble(r[3 + k]);
                double err = Math.abs(got[k] - ref) / Math.max(Math.abs(ref), 1e-3);
                if (err > worst) {
                    worst = err;
                    worstWhere = names[k] + " at γ=" + r[0] + " λ=" + r[1] + " N=" + r[2];
                }
                if (!(err <= TOL)) failures.add(names[k] + " γ=" + r[0] + " λ=" + r[1] + " N=" + r[2]
                        + ": got " + got[k] + " want " + ref + " (err " + err + ")");
            }
        }
        System.out.printf("distance ensemble vs mpmath: %d rows, worst scaled error %.3e (%s)%n", rows.size(), worst,
                worstWhere);
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + (failures.isEmpty() ? "" : failures.get(0)));
    }

    @Test
    void specificHeatAndSusceptibility() {
        DistanceEnsemble.Result r = new DistanceEnsemble(1.5, 0.1, null).thermodynamics();
        assertEquals(1.5 * 1.5 * r.varLogDistance(), r.Cv(), 1e-15 * r.Cv());           // C_V = γ² Var(ln d)
        assertEquals(2.0, r.chi(), 0);                                                    // χ = 1/|γ − 1|
        assertEquals("B", r.phase());
        DistanceEnsemble.Result c = new DistanceEnsemble(1.0, 0.1, null).thermodynamics();
        assertTrue(c.chiDiverges());
        assertEquals("crossover", c.phase());
        assertEquals("A", new DistanceEnsemble(0.5, 0.0, 100L).thermodynamics().phase());
        assertEquals("crossover", DistanceEnsemble.phase(0.97, 0.05));
        assertEquals("A", DistanceEnsemble.phase(0.97, 0.01));
    }

    @Test
    void capturedMassAndWindowAgreeWithBruteForce() {
        for (double g : new double[]{0.4, 1.0, 1.7}) {
            for (double l : new double[]{0, 0.01}) {
                long n = 5000;
                double[] w = new double[(int) n];
                double total = 0;
                for (int d = 1; d <= n; d++) total += w[d - 1] = Math.pow(d, -g) * Math.exp(-l * d);
                DistanceEnsemble e = new DistanceEnsemble(g, l, n);
                double cum = 0;
                for (int d = 1; d <= 300; d++) {
                    cum += w[d - 1];
                    assertEquals(cum / total, e.captured(d), 1e-12, "captured(" + d + ") γ=" + g + " λ=" + l);
                }
                for (double q : new double[]{0.1, 0.5, 0.9, 0.99}) {
                    DistanceEnsemble.KvWindow kv = e.kvWindow(q);
                    double c = 0;
                    long want = 0;
                    for (int d = 1; d <= n; d++) {
                        c += w[d - 1];
                        if (c >= q * total * (1 - 1e-15)) { want = d; break; }
                    }
                    assertEquals(want, kv.exact(), "window for q=" + q + " γ=" + g + " λ=" + l);
                    assertTrue(kv.captured() >= q - 1e-12);
                    assertTrue(Double.isFinite(kv.continuum()) && kv.continuum() >= 1);
                }
            }
        }
    }

    @Test
    void continuumWindowClosedForms() {
        // λ = 0, N = ∞, γ = 2: ∫_1^W x^−2 dx = q ∫_1^∞ x^−2 dx ⇒ W = 1/(1 − q)
        assertEquals(1 / (1 - 0.9), new DistanceEnsemble(2, 0, null).continuumWindow(0.9), 1e-12);
        // γ = 1, λ = 0, finite N: W = N^q
        assertEquals(Math.pow(1000, 0.5), new DistanceEnsemble(1, 0, 1000L).continuumWindow(0.5), 1e-9);
        // λ > 0 by bisection agrees with the λ → 0 closed form for tiny λ
        assertEquals(new DistanceEnsemble(0.5, 0, 1000L).continuumWindow(0.7),
                new DistanceEnsemble(0.5, 1e-12, 1000L).continuumWindow(0.7), 1e-6);
    }

    @Test
    void logSquaredOver12Asymptote() {
        // chapter: at γ = 1, λ = 0, C_V(N) → (ln N)²/12; the ratio tends to 1 as N grows
        double prev = Double.POSITIVE_INFINITY;
        for (long n : new long[]{1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L}) {
            double cv = new DistanceEnsemble(1, 0, n).thermodynamics().Cv();
            double asym = Math.pow(Math.log(n), 2) / 12;
            double rel = Math.abs(cv / asym - 1);
            assertTrue(rel < prev, "relative gap should shrink with N, got " + rel + " at N=" + n);
            prev = rel;
        }
        assertTrue(prev < 0.05, "gap at N=1e12: " + prev);
    }

    @Test
    void infiniteSumsAgreeWithThePolylogarithm() {
        // two independent algorithms for Z = Li_γ(e^−λ) and its s-derivatives: Euler–Maclaurin distance sums here,
        // the series around z = 1 with analytically combined poles in io.thermoscope.special
        for (double g : new double[]{0.3, 0.999999, 1.0, 1.000001, 1.5, 2.0, 3.7}) {
            for (double l : new double[]{1e-8, 1e-4, 0.05, 1.0, 3.0}) {
                DistanceEnsemble.Result r = new DistanceEnsemble(g, l, null).thermodynamics();
                var li = io.thermoscope.special.Polylogarithm.ofExpDerivatives(g, l);
                String at = "γ=" + g + " λ=" + l;
                assertEquals(Math.log(li.value()), r.logZ(), 1e-13 * Math.max(1, Math.abs(r.logZ())), at);
                double mean = -li.d1() / li.value();                       // ⟨ln d⟩ = −∂_γ ln Z
                assertEquals(mean, r.meanLogDistance(), 1e-12 * Math.max(1, Math.abs(mean)), at);
                double var = li.d2() / li.value() - mean * mean;           // Var(ln d) = ∂²_γ ln Z
                assertEquals(var, r.varLogDistance(), 1e-10 * Math.max(1, Math.abs(var)), at);
            }
        }
    }

    @Test
    void badInputIsRejected() {
        assertThrows(InvalidInputException.class, () -> new DistanceEnsemble(0.9, 0, null));
        assertThrows(InvalidInputException.class, () -> new DistanceEnsemble(Double.NaN, 0.1, null));
        assertThrows(InvalidInputException.class, () -> new DistanceEnsemble(1.2, -0.1, null));
        assertThrows(InvalidInputException.class, () -> new DistanceEnsemble(1.2, 0.1, 0L));
        assertThrows(InvalidInputException.class, () -> new DistanceEnsemble(1.2, 0.1, null).kvWindow(1.0));
        assertThrows(InvalidInputException.class, () -> new DistanceEnsemble(1.2, 0.1, null).kvWindow(Double.NaN));
    }
}
