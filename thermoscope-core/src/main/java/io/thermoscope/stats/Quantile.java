package io.thermoscope.stats;

/** Sample quantiles, as used for percentile-bootstrap confidence intervals. */
public final class Quantile {
    private Quantile() {
    }

    /**
     * The q-quantile of ascending {@code sorted} data by linear interpolation between order statistics (Hyndman–Fan
     * type 7, R's and NumPy's default): position q·(n − 1).
     */
    public static double ofSorted(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
