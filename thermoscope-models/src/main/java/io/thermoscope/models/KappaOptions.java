package io.thermoscope.models;

import io.thermoscope.InvalidInputException;

/**
 * Options of a {@link KappaScan}.
 *
 * @param minContext smallest context length V_ctx (tokens, including [CLS] and [SEP])
 * @param points     number of context lengths on the linear grid minContext … maxContext
 * @param tolerance  relative tolerance of the convergence rule (e.g. 0.05)
 * @param truncate   cap maxContext at the model's positions (with a warning) instead of failing
 * @param nEff       which N_eff enters κ
 */
public record KappaOptions(int minContext, int points, double tolerance, boolean truncate, NEff nEff) {

    /** The N_eff of κ = P·V/(N_eff·T). */
    public enum NEff {
        /** Mean over heads of the participation ratio of the singular values of W_Q W_Kᵀ (constant in V). */
        WEIGHTS,
        /** Mean attention participation ratio 1/Σp² measured at each V (the effective number of attended keys). */
        ATTENTION
    }

    /** Validates the options. */
    public KappaOptions {
        if (minContext < 3) throw new InvalidInputException("minimum context must be >= 3 tokens, got " + minContext);
        if (points < 4) throw new InvalidInputException("need >= 4 context lengths, got " + points);
        if (!(tolerance > 0 && tolerance < 1)) throw new InvalidInputException("tolerance must be in (0, 1)");
        if (nEff == null) throw new InvalidInputException("the N_eff definition is required");
    }

    /** V from 16 in 32 steps, 5 % tolerance, no truncation, N_eff from the weights. */
    public static KappaOptions defaults() {
        return new KappaOptions(16, 32, 0.05, false, NEff.WEIGHTS);
    }

    /** These options with another grid. */
    public KappaOptions withGrid(int min, int n) {
        return new KappaOptions(min, n, tolerance, truncate, nEff);
    }

    /** These options with truncation on or off. */
    public KappaOptions withTruncate(boolean t) {
        return new KappaOptions(minContext, points, tolerance, t, nEff);
    }

    /** These options with another N_eff definition. */
    public KappaOptions withNEff(NEff n) {
        return new KappaOptions(minContext, points, tolerance, truncate, n);
    }
}
