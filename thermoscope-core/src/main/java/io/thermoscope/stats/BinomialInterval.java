package io.thermoscope.stats;

import io.thermoscope.InvalidInputException;
import org.hipparchus.special.Beta;

/**
 * The exact (Clopper–Pearson) confidence interval of a binomial proportion k/n: the bounds are the Beta quantiles
 * B(α/2; k, n − k + 1) and B(1 − α/2; k + 1, n − k), found by bisection on the regularised incomplete beta
 * function; 0 and 1 at the edges (k = 0, k = n). Conservative: covers at least the stated confidence for every p.
 *
 * @param successes  k
 * @param trials     n
 * @param low        lower bound
 * @param high       upper bound
 * @param confidence two-sided confidence level
 */
public record BinomialInterval(int successes, int trials, double low, double high, double confidence) {

    /** The interval of {@code successes} out of {@code trials} at {@code confidence} (e.g. 0.95). */
    public static BinomialInterval of(int successes, int trials, double confidence) {
        if (trials < 1) throw new InvalidInputException("a proportion needs at least one trial, got " + trials);
        if (successes < 0 || successes > trials) {
            throw new InvalidInputException("successes must lie in [0, " + trials + "], got " + successes);
        }
        if (!(confidence > 0 && confidence < 1)) throw new InvalidInputException("confidence must lie in (0, 1), got " + confidence);
        double tail = (1 - confidence) / 2;
        double lo = successes == 0 ? 0 : betaQuantile(tail, successes, trials - successes + 1);
        double hi = successes == trials ? 1 : betaQuantile(1 - tail, successes + 1, trials - successes);
        return new BinomialInterval(successes, trials, lo, hi, confidence);
    }

    /** The point estimate k/n. */
    public double fraction() {
        return successes / (double) trials;
    }

    /** x with I_x(a, b) = q, by bisection (I is increasing in x). */
    private static double betaQuantile(double q, double a, double b) {
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (Beta.regularizedBeta(mid, a, b) < q) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
