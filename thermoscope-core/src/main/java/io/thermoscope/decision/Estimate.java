package io.thermoscope.decision;

import org.hipparchus.distribution.continuous.NormalDistribution;

import java.util.Objects;

/**
 * A measured quantity with its confidence interval over independent units (documents, seeds, runs) — the evidence
 * most rules read. The interval is whatever the measurement justified (a cluster bootstrap over units, a Wilson
 * interval for a proportion); {@code units} is how many independent units it rests on.
 *
 * @param value      the point estimate
 * @param low        lower end of the interval
 * @param high       upper end of the interval
 * @param confidence the interval's confidence level in (0, 1]; 1 for an exact number (low = high = value)
 * @param units      number of independent units behind the estimate
 * @param unit       what a unit is, plural ("documents", "seeds")
 */
public record Estimate(double value, double low, double high, double confidence, int units, String unit) {

    /** Validates the shape (not the finiteness: non-finite estimates are legal evidence and decide inconclusive). */
    public Estimate {
        Objects.requireNonNull(unit, "unit");
        if (!(confidence > 0 && confidence <= 1)) throw new IllegalArgumentException("confidence must lie in (0, 1]: " + confidence);
        if (units < 0) throw new IllegalArgumentException("units must be >= 0: " + units);
        if (low > high) throw new IllegalArgumentException("interval [" + low + ", " + high + "] is reversed");
    }

    /** An exact number (no sampling uncertainty): the interval is the point. */
    public static Estimate exact(double value, int units, String unit) {
        return new Estimate(value, value, value, 1, units, unit);
    }

    /**
     * A proportion k/n with its Wilson score interval (Wilson 1927) at {@code confidence}: centre
     * (k + z²/2)/(n + z²), half-width z√(k(n−k)/n + z²/4)/(n + z²).
     */
    public static Estimate proportion(int k, int n, double confidence, String unit) {
        if (k < 0 || k > n) throw new IllegalArgumentException("need 0 <= k <= n, got " + k + " of " + n);
        if (n == 0) return new Estimate(Double.NaN, Double.NaN, Double.NaN, confidence, 0, unit);
        double z = normalQuantile(0.5 + confidence / 2);
        double z2 = z * z, centre = (k + z2 / 2) / (n + z2);
        double half = z * Math.sqrt((double) k * (n - k) / n + z2 / 4) / (n + z2);
        return new Estimate((double) k / n, Math.max(0, centre - half), Math.min(1, centre + half), confidence, n, unit);
    }

    /** The standard normal quantile Φ⁻¹(p). */
    public static double normalQuantile(double p) {
        return new NormalDistribution(0, 1).inverseCumulativeProbability(p);
    }

    /** Whether value and both ends of the interval are finite. */
    public boolean finite() {
        return Double.isFinite(value) && Double.isFinite(low) && Double.isFinite(high);
    }

    /** Half the interval's width. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** "0.31 [0.22, 0.40] (95 % CI, 50 documents)". */
    public String text() {
        if (confidence == 1 && low == high) return Numbers.format(value) + " (" + units + " " + unit + ")";
        return Numbers.format(value) + " [" + Numbers.format(low) + ", " + Numbers.format(high) + "] ("
                + Numbers.percent(confidence) + " CI, " + units + " " + unit + ")";
    }

    /**
     * How many units would shrink the interval's half-width to {@code target}, assuming it scales as 1/√units:
     * ⌈units·(halfWidth/target)²⌉, at least units + 1. Returns −1 when that cannot be estimated.
     */
    public int unitsForHalfWidth(double target) {
        double h = halfWidth();
        if (!(target > 0) || !(h > 0) || units < 1 || !Double.isFinite(h)) return -1;
        double n = Math.ceil(units * (h / target) * (h / target));
        return n >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(units + 1, (int) n);
    }
}
