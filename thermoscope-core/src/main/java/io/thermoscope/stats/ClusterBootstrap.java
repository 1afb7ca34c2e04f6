package io.thermoscope.stats;

import io.thermoscope.decision.Estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap over independent units (Efron &amp; Tibshirani 1993, §13.3; the cluster bootstrap of Davison
 * &amp; Hinkley 1997, §3.8): the units — documents, seeds, runs — are resampled with replacement, never the correlated
 * rows inside a unit, and the statistic is recomputed on each resample. The interval is the pair of type-7 quantiles
 * at (1 ∓ confidence)/2 of the resampled statistics. Deterministic for a fixed seed.
 *
 * @param resamples  number of bootstrap resamples (≥ 100)
 * @param confidence confidence level of the interval, in (0, 1)
 * @param seed       seed of the resampling stream
 */
public record ClusterBootstrap(int resamples, double confidence, long seed) {

    /** Validates the settings. */
    public ClusterBootstrap {
        if (resamples < 100) throw new IllegalArgumentException("resamples must be >= 100, got " + resamples);
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must lie in (0, 1)");
    }

    /** 2 000 resamples at 95 %. */
    public static ClusterBootstrap standard(long seed) {
        return new ClusterBootstrap(2000, 0.95, seed);
    }

    /**
     * The statistic on all units with its percentile interval. Resamples on which the statistic is not finite (a
     * degenerate resample) are dropped; if more than 5 % are, the interval is reported as NaN rather than trusted.
     *
     * @param units     the independent units (at least one)
     * @param statistic the statistic of a list of units (e.g. the mean of a per-document value)
     * @param unit      what a unit is, plural
     */
    public <U> Estimate estimate(List<U> units, ToDoubleFunction<List<U>> statistic, String unit) {
        Objects.requireNonNull(statistic, "statistic");
        int n = units.size();
        if (n == 0) return new Estimate(Double.NaN, Double.NaN, Double.NaN, confidence, 0, unit);
        double value = statistic.applyAsDouble(units);
        double[][] draws = multiplicities(n);
        double[] stats = new double[resamples];
        List<U> sample = new ArrayList<>(n);
        for (int b = 0; b < resamples; b++) {
            sample.clear();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < (int) draws[b][i]; k++) sample.add(units.get(i));
            }
            stats[b] = statistic.applyAsDouble(sample);
        }
        return interval(value, stats, n, unit);
    }

    /**
     * The resamples of {@code n} units as multiplicities: {@code [b][i]} = how often unit i was drawn in resample b.
     * For statistics computed jointly over many quantities from the same resamples (every head of a model, two
     * windows of one curve): the caller evaluates them on each resample and passes the values to {@link #interval}.
     */
    public double[][] multiplicities(int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[resamples][n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) w[b][rng.nextInt(n)] += 1;
        }
        return w;
    }

    /**
     * The point value {@code value} with the percentile interval of its values on the {@link #multiplicities}
     * resamples. Non-finite resampled values (a degenerate resample) are dropped; if more than 5 % are, the interval
     * is reported as NaN rather than trusted.
     */
    public Estimate interval(double value, double[] resampled, int n, String unit) {
        double[] sorted = Arrays.stream(resampled).filter(Double::isFinite).sorted().toArray();
        if (sorted.length < 0.95 * resamples) return new Estimate(value, Double.NaN, Double.NaN, confidence, n, unit);
        double lo = Quantile.ofSorted(sorted, (1 - confidence) / 2), hi = Quantile.ofSorted(sorted, (1 + confidence) / 2);
        return new Estimate(value, lo, hi, confidence, n, unit);
    }

    /** The mean of one value per unit, with its interval. */
    public Estimate mean(double[] perUnit, String unit) {
        List<Double> units = new ArrayList<>(perUnit.length);
        for (double v : perUnit) units.add(v);
        return estimate(units, ClusterBootstrap::meanOf, unit);
    }

    /** The arithmetic mean of a list (NaN when empty). */
    public static double meanOf(List<Double> xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.isEmpty() ? Double.NaN : s / xs.size();
    }
}
