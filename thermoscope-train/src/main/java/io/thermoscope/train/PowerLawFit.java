package io.thermoscope.train;

import io.thermoscope.stats.Quantile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * y ∝ x^a fitted by least squares on log–log axes to the per-x means of independent runs, with R² and a seeded
 * percentile bootstrap CI of a that resamples runs within each x (the runs are the independent units). Used for
 * Fig. 4 (C_v^max against p) and for the finite-size test (C_v^max against the number of operands k).
 *
 * @param variable   what x is ("p" or "k")
 * @param points     per x: runs, mean and sample standard deviation of y
 * @param exponent   a (NaN with fewer than 2 values of x or a non-positive mean)
 * @param low        2.5 % bootstrap quantile of a
 * @param high       97.5 % bootstrap quantile of a
 * @param rSquared   R² of the log–log fit of the means
 * @param span       x_max / x_min (a decade is 10)
 * @param runs       runs used
 */
public record PowerLawFit(String variable, List<Point> points, double exponent, double low, double high,
                          double rSquared, double span, int runs) {
    /** Bootstrap resamples. */
    public static final int BOOTSTRAP = 4000;
    /** Seed of the bootstrap. */
    public static final long SEED = 20260101L;

    /**
     * One value of x.
     *
     * @param x    the value
     * @param n    runs at x
     * @param mean mean y
     * @param sd   sample standard deviation of y (0 for one run)
     */
    public record Point(double x, int n, double mean, double sd) {}

    /** The fit of the values grouped by x ({@code byX}: x → y of each run). */
    public static PowerLawFit of(String variable, Map<Double, List<Double>> byX) {
        TreeMap<Double, double[]> groups = new TreeMap<>();
        int runs = 0;
        for (var e : byX.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            if (v.length > 0) {
                groups.put(e.getKey(), v);
                runs += v.length;
            }
        }
        List<Point> points = new ArrayList<>();
        for (var e : groups.entrySet()) points.add(new Point(e.getKey(), e.getValue().length, mean(e.getValue()), sd(e.getValue())));
        double span = groups.isEmpty() ? Double.NaN : groups.lastKey() / groups.firstKey();
        double[] xs = groups.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] means = points.stream().mapToDouble(Point::mean).toArray();
        if (xs.length < 2 || Arrays.stream(means).anyMatch(m -> !(m > 0)) || Arrays.stream(xs).anyMatch(x -> !(x > 0))) {
            return new PowerLawFit(variable, points, Double.NaN, Double.NaN, Double.NaN, Double.NaN, span, runs);
        }
        double[] fit = fit(xs, means);
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] boot = new double[BOOTSTRAP];
        List<double[]> g = new ArrayList<>(groups.values());
        for (int b = 0; b < BOOTSTRAP; b++) {
            double[] m = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                double[] v = g.get(i);
                double s = 0;
                for (int j = 0; j < v.length; j++) s += v[rng.nextInt(v.length)];
                m[i] = s / v.length;
            }
            boot[b] = fit(xs, m)[0];
        }
        Arrays.sort(boot);
        return new PowerLawFit(variable, points, fit[0], Quantile.ofSorted(boot, 0.025), Quantile.ofSorted(boot, 0.975),
                fit[1], span, runs);
    }

    /** The exponent with its 95 % bootstrap interval, over the values of x as units. */
    public io.thermoscope.decision.Estimate estimate() {
        return new io.thermoscope.decision.Estimate(exponent, low, high, 0.95, points.size(), "values of " + variable);
    }

    /** {a, R²} of ln y = c + a ln x by ordinary least squares (two-pass sums). */
    static double[] fit(double[] x, double[] y) {
        int n = x.length;
        double[] lx = new double[n], ly = new double[n];
        for (int i = 0; i < n; i++) {
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        double mx = mean(lx), my = mean(ly), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (lx[i] - mx) * (ly[i] - my);
            sxx += (lx[i] - mx) * (lx[i] - mx);
            syy += (ly[i] - my) * (ly[i] - my);
        }
        double a = sxy / sxx;
        double r2 = syy == 0 ? 1 : a * sxy / syy; // R² = explained / total sum of squares
        return new double[] {a, r2};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
