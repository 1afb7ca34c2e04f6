package io.thermoscope.stats;

import java.io.Serializable;

/**
 * A mergeable summary of a sample: its count, mean and central moment sums M_k = Σ(x − mean)^k for k = 2, 3, 4. Two
 * sketches of disjoint samples merge exactly into the sketch of their union (Chan, Golub &amp; LeVeque 1979 for the
 * mean and M_2; Pébay 2008, Sandia report SAND2008-6212, pairwise update for M_3 and M_4), so a sample split across threads,
 * documents or cluster partitions and combined in any tree gives the moments of the whole sample up to round-off —
 * never E[x²] − E[x]². Immutable and {@link Serializable} (sketches travel between Spark executors).
 *
 * @param count number of values
 * @param mean  their mean (0 when empty)
 * @param m2    Σ(x − mean)²
 * @param m3    Σ(x − mean)³
 * @param m4    Σ(x − mean)⁴
 */
public record MomentSketch(long count, double mean, double m2, double m3, double m4) implements Serializable {

    private static final MomentSketch EMPTY = new MomentSketch(0, 0, 0, 0, 0);

    /** Validates: count ≥ 0; an empty sketch has every moment 0. */
    public MomentSketch {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        if (count == 0 && (mean != 0 || m2 != 0 || m3 != 0 || m4 != 0)) {
            throw new IllegalArgumentException("an empty sketch has no moments");
        }
    }

    /** The sketch of no values: the identity of {@link #merge}. */
    public static MomentSketch empty() {
        return EMPTY;
    }

    /** The sketch of one value. */
    public static MomentSketch of(double x) {
        return new MomentSketch(1, x, 0, 0, 0);
    }

    /** The sketch of every value of {@code xs}. */
    public static MomentSketch of(double... xs) {
        return of(xs, 0, xs.length);
    }

    /**
     * The sketch of {@code xs[from, to)} by two passes: the mean, refined by the second-pass residual Σ(x − mean)/n
     * (Björck's correction of the two-pass algorithm, Chan, Golub &amp; LeVeque 1983), then the central sums.
     */
    public static MomentSketch of(double[] xs, int from, int to) {
        int n = to - from;
        if (n < 0 || from < 0 || to > xs.length) throw new IndexOutOfBoundsException("[" + from + ", " + to + ")");
        if (n == 0) return EMPTY;
        double sum = 0;
        for (int i = from; i < to; i++) sum += xs[i];
        double mean = sum / n, correction = 0;
        for (int i = from; i < to; i++) correction += xs[i] - mean;
        mean += correction / n;
        double m2 = 0, m3 = 0, m4 = 0;
        for (int i = from; i < to; i++) {
            double d = xs[i] - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        return new MomentSketch(n, mean, m2, m3, m4);
    }

    /** This sketch with one more value: the merge with {@link #of(double)} (Welford's update, extended to M_3, M_4). */
    public MomentSketch add(double x) {
        return merge(of(x));
    }

    /**
     * The sketch of the union of the two samples. With n = n_a + n_b and δ = mean_b − mean_a (Chan et al. 1979; Pébay 2008):
     * mean = mean_a + δ n_b/n; M_2 = M_2a + M_2b + δ² n_a n_b/n; M_3 = M_3a + M_3b + δ³ n_a n_b (n_a − n_b)/n² +
     * 3δ (n_a M_2b − n_b M_2a)/n; M_4 = M_4a + M_4b + δ⁴ n_a n_b (n_a² − n_a n_b + n_b²)/n³ +
     * 6δ² (n_a² M_2b + n_b² M_2a)/n² + 4δ (n_a M_3b − n_b M_3a)/n.
     */
    public MomentSketch merge(MomentSketch other) {
        if (other.count == 0) return this;
        if (count == 0) return other;
        double na = count, nb = other.count, n = na + nb;
        double delta = other.mean - mean, d2 = delta * delta;
        double mean = this.mean + delta * (nb / n);                                                       // Chan et al. 1979
        double m2 = this.m2 + other.m2 + d2 * na * nb / n;                                                // Chan et al. 1979
        double m3 = this.m3 + other.m3 + d2 * delta * na * nb * (na - nb) / (n * n)
                + 3 * delta * (na * other.m2 - nb * this.m2) / n;                                          // Pébay 2008, p = 3
        double m4 = this.m4 + other.m4 + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
                + 6 * d2 * (na * na * other.m2 + nb * nb * this.m2) / (n * n)
                + 4 * delta * (na * other.m3 - nb * this.m3) / n;                                          // Pébay 2008, p = 4
        return new MomentSketch(count + other.count, mean, m2, m3, m4);
    }

    /** The unbiased sample variance M_2/(n − 1); NaN below two values. */
    public double variance() {
        return count > 1 ? m2 / (count - 1) : Double.NaN;
    }

    /** The population variance M_2/n; NaN when empty. */
    public double populationVariance() {
        return count > 0 ? m2 / count : Double.NaN;
    }

    /** The sample standard deviation √(M_2/(n − 1)); NaN below two values. */
    public double standardDeviation() {
        return Math.sqrt(variance());
    }

    /** The moment skewness g_1 = √n M_3 / M_2^{3/2}; NaN when M_2 = 0 or empty. */
    public double skewness() {
        return count > 0 && m2 > 0 ? Math.sqrt((double) count) * m3 / Math.pow(m2, 1.5) : Double.NaN;
    }

    /** The moment excess kurtosis g_2 = n M_4 / M_2² − 3; NaN when M_2 = 0 or empty. */
    public double excessKurtosis() {
        return count > 0 && m2 > 0 ? count * m4 / (m2 * m2) - 3 : Double.NaN;
    }
}
