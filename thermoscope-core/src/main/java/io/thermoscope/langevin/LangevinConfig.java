package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

/**
 * Everything a Langevin ensemble run needs besides the α schedule.
 *
 * @param field     real or complex order parameter
 * @param potential β and v of Eq. 38
 * @param noise     D: noise strength of Eq. 37, the temperature of the stationary law ∝ exp(−V/D)
 * @param dt        Euler–Maruyama step (the paper uses 0.01)
 * @param walkers   number of independent walkers M ≥ 2
 * @param seed      master seed; walker chunk c draws from the stream (seed, c), so results do not depend on threads
 * @param threads   worker threads (≥ 1); changes the speed only, never the numbers
 */
public record LangevinConfig(FieldKind field, CwPotential potential, double noise, double dt, int walkers, long seed,
                             int threads) {

    /** The paper's Euler–Maruyama step. */
    public static final double PAPER_DT = 0.01;
    /** Default ensemble size. */
    public static final int DEFAULT_WALKERS = 100_000;

    /** Validates the parameters (one-line {@link InvalidInputException} messages). */
    public LangevinConfig {
        if (field == null) {
            throw new InvalidInputException("field kind is missing");
        }
        if (potential == null) {
            throw new InvalidInputException("potential is missing");
        }
        InvalidInputException.requirePositive("noise D", noise);
        InvalidInputException.requirePositive("dt", dt);
        if (walkers < 2) {
            throw new InvalidInputException("walkers must be >= 2, got " + walkers);
        }
        if (threads < 1) {
            throw new InvalidInputException("threads must be >= 1, got " + threads);
        }
    }

    /** A copy with another thread count (same numbers, different speed). */
    public LangevinConfig withThreads(int n) {
        return new LangevinConfig(field, potential, noise, dt, walkers, seed, n);
    }

    /** A copy with another seed. */
    public LangevinConfig withSeed(long s) {
        return new LangevinConfig(field, potential, noise, dt, walkers, s, threads);
    }
}
