package io.thermoscope.special;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ζ(s), ζ(s, a) and Li_s(z) where the values are huge: against {@code reference/extreme_reference.csv}
 * ({@code make_extreme_table.py}, mpmath at 60 digits). A finite reference must be met to 1e-12 relative (the
 * functional equation's Γ(1 − s) is rebuilt by ~100 multiplications; or 1e-12 of the scale 2Γ(1−s)/(2π)^(1−s)
 * where the Hurwitz function is near one of its zeros in a); an 'overflow' reference must be refused with a
 * one-line message that gives the magnitude.
 */
class ExtremeValuesTest {
    static final double REL = 1e-12;

    record Row(String kind, double s, double x, String value) {
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (var in = ExtremeValuesTest.class.getResourceAsStream("reference/extreme_reference.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals("kind,s,x,value", r.readLine());
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                rows.add(new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3]));
            }
        }
        return rows;
    }

    static double evaluate(Row r) {
        return switch (r.kind()) {
            case "zeta" -> RiemannZeta.value(r.s());
            case "hurwitz" -> HurwitzZeta.value(r.s(), r.x());
            case "polylog" -> Polylogarithm.value(r.s(), r.x());
            default -> throw new AssertionError(r.kind());
        };
    }

    /** The scale against which a Hurwitz value near a zero in a is judged: max(|ref|, 2Γ(σ)/(2π)^σ). */
    static double scale(Row r, BigDecimal ref) {
        if (!r.kind().equals("hurwitz") || r.x() >= 1) return ref.abs().doubleValue();
        double t = 1 - r.s();
        double ln = Math.log(2) + org.hipparchus.special.Gamma.logGamma(t) - t * Math.log(2 * Math.PI);
        return Math.max(ref.abs().doubleValue(), Math.exp(Math.min(ln, 709)));
    }

    @Test
    void finiteValuesAreComputedAndOverflowsRefused() throws Exception {
        List<Row> rows = rows();
        assertTrue(rows.size() > 150, "table has " + rows.size() + " rows");
        double worst = 0;
        String worstRow = "";
        int refused = 0;
        for (Row r : rows) {
            if (r.value().equals("overflow")) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluate(r), r::toString);
                assertTrue(e.getMessage().contains("is beyond the double range"), e.getMessage());
                assertTrue(e.getMessage().matches(".* = -?\\d\\.\\d{3}e\\d+ is beyond.*"), e.getMessage());
                refused++;
                continue;
            }
            BigDecimal ref = new BigDecimal(r.value());
            double got = evaluate(r);
            assertTrue(Double.isFinite(got), r + " gave " + got);
            double err = new BigDecimal(got).subtract(ref).abs().doubleValue() / scale(r, ref);
            if (err > worst) {
                worst = err;
                worstRow = String.format(Locale.ROOT, "%s got %.17g", r, got);
            }
        }
        assertTrue(refused >= 10, refused + " refusals");
        assertTrue(worst <= REL, "worst relative error " + worst + " at " + worstRow);
    }

    @Test
    void theIssuesCases() {
        // ζ(−171) ≈ 1.28e172 (was +Infinity: Γ(172) overflowed inside the functional equation)
        assertEquals(1.281948986348224273780882e172, RiemannZeta.value(-171), 1e-12 * 1.28e172);
        // ζ(−171, 1/4) ≈ −2.14e120 (was NaN); the first cosine of Hurwitz's series is exactly zero here
        assertEquals(-2.141467506781247328276563e120, HurwitzZeta.value(-171, 0.25), 1e-12 * 2.14e120);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RiemannZeta.value(-265));
        assertEquals("zeta(-265.0) = -4.658e316 is beyond the double range (|x| <= 1.8e308)", e.getMessage());
    }
}
