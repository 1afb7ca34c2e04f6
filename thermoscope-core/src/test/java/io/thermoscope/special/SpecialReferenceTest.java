package io.thermoscope.special;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function of {@code io.thermoscope.special} against the 25-digit mpmath table written by
 * {@code reference/make_special_table.py} (mp.dps = 50, checked at 80 digits).
 * Tolerance per value: |got − ref| ≤ 1e-13 |ref|, or ≤ 1e-15 absolute where the function has a zero nearby
 * (zeta/hurwitz/negative-z polylog with |ref| &lt; 1e-2). Derivatives: ≤ 1e-13 relative (plus 1e-13·1e-3·|value| absolute).
 */
class SpecialReferenceTest {
    static final double REL = 1e-13, ABS_NEAR_ZERO = 1e-15, REL_DERIVATIVE = 1e-13;

    record Row(String kind, double s, double x, BigDecimal value, BigDecimal d1, BigDecimal d2) {
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (var in = SpecialReferenceTest.class.getResourceAsStream("reference/special_reference.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            assertTrue(header.startsWith("kind,s,x,value"), header);
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                rows.add(new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), new BigDecimal(f[3]),
                        f[4].isEmpty() ? null : new BigDecimal(f[4]), f[5].isEmpty() ? null : new BigDecimal(f[5])));
            }
        }
        return rows;
    }

    /** Error in units of the tolerance (≤ 1 passes). */
    static double score(double got, BigDecimal ref, double rel, double abs) {
        if (!Double.isFinite(got)) return Double.POSITIVE_INFINITY;
        double r = ref.doubleValue();
        double err = new BigDecimal(got).subtract(ref).abs().doubleValue();
        return err / (rel * Math.abs(r) + abs);
    }

    static final class Worst {
        final String what;
        double score = -1;
        String row = "";
        int n;

        Worst(String what) {
            this.what = what;
        }

        void add(double sc, Row r, double got) {
            add(sc, r, got, r.value);
        }

        double maxRel;

        void add(double sc, Row r, double got, BigDecimal ref) {
            n++;
            if (ref.signum() != 0 && Double.isFinite(got)) {
                maxRel = Math.max(maxRel, new BigDecimal(got).subtract(ref).abs()
                        .divide(ref.abs(), java.math.MathContext.DECIMAL64).doubleValue());
            } else if (!Double.isFinite(got)) {
                maxRel = Double.POSITIVE_INFINITY;
            }
            if (!(sc <= score)) {
                score = sc;
                row = String.format(Locale.ROOT, "%s s=%s x=%s got=%.17g ref=%s", r.kind, r.s, r.x, got, ref);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-8s n=%4d max-rel-err=%.2e worst=%.3g tol-units at %s", what, n, maxRel,
                    score, row);
        }
    }

    @Test
    void valuesMatchMpmathWithin1e13Relative() throws Exception {
        Worst zeta = new Worst("zeta"), hurwitz = new Worst("hurwitz"), polylog = new Worst("polylog"),
                ofexp = new Worst("ofexp");
        for (Row r : rows()) {
            double got;
            boolean nearZero = Math.abs(r.value.doubleValue()) < 1e-2;
            switch (r.kind) {
                case "zeta" -> {
                    got = RiemannZeta.value(r.s);
                    zeta.add(score(got, r.value, REL, nearZero ? ABS_NEAR_ZERO : 0), r, got);
                }
                case "hurwitz" -> {
                    got = HurwitzZeta.value(r.s, r.x);
                    hurwitz.add(score(got, r.value, REL, nearZero ? ABS_NEAR_ZERO : 0), r, got);
                }
                case "polylog" -> {
                    got = Polylogarithm.value(r.s, r.x);
                    polylog.add(score(got, r.value, REL, nearZero && r.x < 0 ? ABS_NEAR_ZERO : 0), r, got);
                }
                default -> {
                    got = Polylogarithm.ofExp(r.s, r.x);
                    ofexp.add(score(got, r.value, REL, 0), r, got);
                }
            }
        }
        String report = String.join("\n", zeta.toString(), hurwitz.toString(), polylog.toString(), ofexp.toString());
        System.out.println(report);
        for (Worst w : List.of(zeta, hurwitz, polylog, ofexp)) {
            assertTrue(w.n > 100, w.what + " has too few rows");
            assertTrue(w.score <= 1, report);
        }
    }

    @Test
    void derivativesInSMatchMpmath() throws Exception {
        Worst v = new Worst("value"), d1 = new Worst("d/ds"), d2 = new Worst("d2/ds2");
        for (Row r : rows()) {
            if (!r.kind.equals("ofexpd")) continue;
            Polylogarithm.Derivatives d = Polylogarithm.ofExpDerivatives(r.s, r.x);
            double scale = Math.abs(r.value.doubleValue()) * 1e-3;
            v.add(score(d.value(), r.value, REL, 0), r, d.value());
            d1.add(score(d.d1(), r.d1, REL_DERIVATIVE, REL_DERIVATIVE * scale), r, d.d1(), r.d1);
            d2.add(score(d.d2(), r.d2, REL_DERIVATIVE, REL_DERIVATIVE * scale), r, d.d2(), r.d2);
        }
        String report = String.join("\n", v.toString(), d1.toString(), d2.toString());
        System.out.println(report);
        for (Worst w : List.of(v, d1, d2)) {
            assertTrue(w.n > 100, w.what + " has too few rows");
            assertTrue(w.score <= 1, report);
        }
    }
}
