package io.thermoscope.decision;

import java.math.BigDecimal;
import java.util.Locale;

/** How numbers appear in rule sentences, decisions and the report. */
public final class Numbers {
    private Numbers() {
    }

    /** A measured number with 4 significant digits (scientific when tiny or huge); "n/a" for NaN, ∞ for infinities. */
    public static String format(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A rule's constant exactly as configured (0.2 → "0.2", 1e-06 → "1e-6", 5.0 → "5"): shortest decimal, no trailing zeros. */
    public static String constant(double v) {
        if (!Double.isFinite(v)) return format(v);
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-3 && a < 1e6)) return d.toPlainString();
        int exponent = d.precision() - d.scale() - 1;
        return d.movePointLeft(exponent).stripTrailingZeros().toPlainString() + "e" + exponent;
    }

    /** A confidence level as a percentage ("95 %"). */
    public static String percent(double fraction) {
        return constant(fraction * 100) + " %";
    }
}
