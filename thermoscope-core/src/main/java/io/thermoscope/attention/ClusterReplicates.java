package io.thermoscope.attention;

import io.thermoscope.InvalidInputException;
import io.thermoscope.stats.Quantile;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The resamples of a cluster bootstrap over independent units (documents): replicate r draws the units with
 * replacement, and weights[r][u] is how often unit u was drawn. Every statistic of a run — every head, every
 * window — uses the same replicates, so joint statistics (a share of heads, a difference of two windows) get
 * honest intervals. Percentile intervals (Hyndman–Fan type 7 quantiles).
 *
 * @param units    number of units
 * @param weights  [replicate][unit] multiplicities
 * @param level    confidence level of the intervals, e.g. 0.90
 */
public record ClusterReplicates(int units, double[][] weights, double level) {

    /** Validates the replicates. */
    public ClusterReplicates {
        if (units < 1) throw new InvalidInputException("a bootstrap needs at least one unit");
        if (!(level > 0 && level < 1)) throw new InvalidInputException("confidence level must be in (0, 1), got " + level);
    }

    /** {@code replicates} seeded resamples of {@code units} units (none when units &lt; 2: no interval). */
    public static ClusterReplicates draw(int units, int replicates, long seed, double level) {
        if (replicates < 0) throw new InvalidInputException("bootstrap replicates must be >= 0, got " + replicates);
        int b = units < 2 ? 0 : replicates;
        double[][] w = new double[b][units];
        SplittableRandom root = new SplittableRandom(seed);
        for (int r = 0; r < b; r++) {
            SplittableRandom rng = root.split(); // one stream per replicate: independent of thread count
            for (int i = 0; i < units; i++) w[r][rng.nextInt(units)] += 1;
        }
        return new ClusterReplicates(units, w, level);
    }

    /** Number of replicates. */
    public int count() {
        return weights.length;
    }

    /** Weight 1 for every unit (the point estimate). */
    public double[] unit() {
        double[] w = new double[units];
        Arrays.fill(w, 1);
        return w;
    }

    /** The point value with the percentile interval of its replicates (NaN bounds without replicates). */
    public Interval interval(double value, double[] replicates) {
        double[] f = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
        if (f.length == 0) return new Interval(value, Double.NaN, Double.NaN, level, units);
        double a = (1 - level) / 2;
        return new Interval(value, Quantile.ofSorted(f, a), Quantile.ofSorted(f, 1 - a), level, units);
    }

    /**
     * A point value with its confidence interval over independent units.
     *
     * @param value the point estimate (every unit once)
     * @param low   lower bound
     * @param high  upper bound
     * @param level confidence level
     * @param units independent units behind it
     */
    public record Interval(double value, double low, double high, double level, int units) {
    }
}
