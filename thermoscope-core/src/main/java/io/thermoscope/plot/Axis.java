package io.thermoscope.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear or logarithmic axis: data range, mapping to pixels and "nice" tick positions. */
final class Axis {
    final boolean log;
    double min;
    double max;

    Axis(boolean log, double min, double max) {
        this.log = log;
        this.min = min;
        this.max = max;
    }

    /** Builds an axis spanning the finite (and, for log axes, positive) values, with a little padding. */
    static Axis fit(boolean log, double lo, double hi, boolean pad) {
        if (!(lo <= hi)) {
            lo = log ? 1 : 0;
            hi = log ? 10 : 1;
        }
        if (log) {
            double a = Math.log10(lo), b = Math.log10(hi);
            if (b - a < 1e-9) {
                a -= 0.5;
                b += 0.5;
            }
            double p = pad ? 0.04 * (b - a) : 0;
            return new Axis(true, Math.pow(10, a - p), Math.pow(10, b + p));
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double d = Math.max(Math.abs(hi) * 0.1, 0.5);
            lo -= d;
            hi += d;
        }
        double p = pad ? 0.05 * (hi - lo) : 0;
        return new Axis(false, lo - p, hi + p);
    }

    /** Fraction 0…1 of the way from min to max. */
    double fraction(double v) {
        return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
    }

    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** Tick values: decades (and 2, 5 when few decades) on log axes, 1-2-5 steps on linear axes. */
    List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        if (log) {
            int a = (int) Math.floor(Math.log10(min)), b = (int) Math.ceil(Math.log10(max));
            int step = Math.max(1, (b - a) / 8);
            for (int e = a; e <= b; e += step) {
                for (double m : (b - a) <= 2 ? new double[] {1, 2, 5} : new double[] {1}) {
                    double v = m * Math.pow(10, e);
                    if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) t.add(v);
                }
            }
            return t;
        }
        double span = max - min, raw = span / 6, mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag, step = (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
        for (double v = Math.ceil(min / step) * step; v <= max + 1e-9 * step; v += step) t.add(Math.abs(v) < 1e-12 * step ? 0 : v);
        return t;
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (v == 0) return "0";
        if (a >= 1e5 || a < 1e-3) return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-");
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
