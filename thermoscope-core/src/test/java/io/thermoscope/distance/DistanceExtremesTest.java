package io.thermoscope.distance;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distance ensemble where Z leaves the double range (λ ≥ 700, γ ≪ 0) and KV windows beyond 2^63 and beyond
 * 1.8e308, against {@code reference/distance_extreme_reference.csv} ({@code make_distance_extreme_table.py},
 * mpmath, 30 digits). Moments: 1e-12 relative (absolute below 1e-3); windows: log₁₀ W to 1e-12 relative, W to
 * 1e-9 relative (near γ = 1 the captured mass changes by only ~(γ − 1)(1 − q) per unit of ln W, so the root is
 * that much less well conditioned than the sums).
 */
class DistanceExtremesTest {

    static List<String[]> rows() throws Exception {
        try (var in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DistanceExtremesTest.class.getResourceAsStream("reference/distance_extreme_reference.csv")),
                StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) rows.add(line.split(",", -1));
            return rows;
        }
    }

    static void close(double want, double got, double tol, String what) {
        assertTrue(Double.isFinite(got), what + ": got " + got);
        assertTrue(Math.abs(got - want) <= tol * Math.max(Math.abs(want), 1e-3), what + ": got " + got + " want " + want);
    }

    @Test
    void momentsWhereZLeavesTheDoubleRange() throws Exception {
        int n = 0;
        for (String[] r : rows()) {
            if (!r[0].equals("moments")) continue;
            double g = Double.parseDouble(r[1]), l = Double.parseDouble(r[2]);
            Long top = r[3].equals("inf") ? null : Long.parseLong(r[3]);
            DistanceEnsemble.Result res = new DistanceEnsemble(g, l, top).thermodynamics();
            String where = " γ=" + r[1] + " λ=" + r[2] + " N=" + r[3];
            close(Double.parseDouble(r[4]), res.logZ(), 1e-12, "ln Z" + where);
            close(Double.parseDouble(r[5]), res.meanLogDistance(), 1e-12, "<ln d>" + where);
            close(Double.parseDouble(r[6]), res.varLogDistance(), 1e-12, "Var(ln d)" + where);
            n++;
        }
        assertTrue(n >= 10, n + " rows");
    }

    @Test
    void kvWindowsBeyondTheLongAndTheDoubleRange() throws Exception {
        int n = 0;
        for (String[] r : rows()) {
            if (!r[0].equals("window")) continue;
            double g = Double.parseDouble(r[1]), q = Double.parseDouble(r[4]);
            DistanceEnsemble.KvWindow kv = new DistanceEnsemble(g, 0, null).kvWindow(q);
            String where = " γ=" + r[1] + " q=" + r[4];
            close(Double.parseDouble(r[5]), kv.log10Window(), 1e-12, "log10 W" + where);
            if (r[6].equals("overflow")) {
                assertNull(kv.window(), where);
                assertNull(kv.captured(), where);
            } else {
                close(Double.parseDouble(r[6]), kv.window(), 1e-9, "W" + where);
                assertTrue(kv.captured() >= q * (1 - 1e-15), where + ": captured " + kv.captured());
                assertEquals(kv.window() <= 0x1p53, kv.windowExact(), where);
            }
            n++;
        }
        assertTrue(n >= 5, n + " rows");
    }

    @Test
    void theIssuesCases() throws Exception {
        // distance --gamma 1.01 --mass 0.9: the window is ≈ 5.6e99, not 2^63 − 1 with "captured mass 1.0"
        DistanceEnsemble e = new DistanceEnsemble(1.01, 0, null);
        DistanceEnsemble.KvWindow kv = e.kvWindow(0.9);
        assertEquals(99.75, kv.log10Window(), 0.01);
        assertFalse(kv.windowExact());
        String[] captured = rows().stream().filter(r -> r[0].equals("captured")).findFirst().orElseThrow();
        close(Double.parseDouble(captured[5]), e.captured(Long.MAX_VALUE), 1e-12, "mass at 2^63 - 1");
        assertEquals(0.358, e.captured(Long.MAX_VALUE), 0.001);
        // distance --lambda 800: ln Z = −800 (was −Infinity), moments 0 to double precision (were NaN)
        DistanceEnsemble.Result r = new DistanceEnsemble(1, 800, null).thermodynamics();
        assertEquals(-800.0, r.logZ(), 0);
        assertEquals(0.0, r.meanLogDistance(), 1e-300);
        assertEquals(0.0, r.Cv(), 1e-300);
    }

    /**
     * |γ| up to 1e308 (found by the CLI's property test: the quadrature asked for ~|γ − 1| panels over the whole range,
     * and λ > 40 summed term by term up to a peak at 1e305): each finishes in about a second, finite, or is refused
     * with its reason.
     */
    @Test
    void extremeGammaFinishesOrIsRefused() {
        double[] gammas = {1e308, -1e308, 1e6, -1e6, 1e4, -1e12, -1e17};
        double[] lambdas = {0, 1e-8, 0.01, 800, 1e308};
        Long[] ns = {null, 1000L, 1_000_000_000_000_000_000L, Long.MAX_VALUE};
        for (double g : gammas) {
            for (double l : lambdas) {
                for (Long n : ns) {
                    if (l == 0 && g <= 1 && n == null) continue;   // diverges: refused by the constructor
                    String where = "gamma " + g + ", lambda " + l + ", N " + n;
                    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                        try {
                            DistanceEnsemble.Result r = new DistanceEnsemble(g, l, n).thermodynamics();
                            assertTrue(Double.isFinite(r.logZ()) && Double.isFinite(r.meanLogDistance())
                                    && Double.isFinite(r.Cv()), where + ": " + r);
                        } catch (InvalidInputException e) {
                            assertTrue(e.getMessage().contains("beyond"), where + ": " + e.getMessage());
                        }
                    }, where);
                }
            }
        }
        // a small λ reaching λd > 40 only far out: was summed term by term up to d ~ 1e11 (a hang)
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            DistanceEnsemble.KvWindow kv = new DistanceEnsemble(1.01, 1e-8, null).kvWindow(0.999999);
            assertTrue(Math.abs(kv.relativeError()) < 0.01, kv.toString());   // ≈ 8.5e8, near the continuum
        });
    }
}
