package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.distance.DecayFit;
import io.thermoscope.distance.DistanceProfile;

/**
 * Options of an {@link Atlas} run.
 *
 * @param truncate          cut inputs longer than the model's positions (with a warning) instead of failing
 * @param maxProfilesPerHead distance profiles kept per head for the decay fit (seeded reservoir sample over the
 *                          corpus, so memory stays flat as the corpus grows)
 * @param direction         which keys the distance profile folds: both sides by |i − j| (default), past or future
 * @param decay             options of the γ/λ fit (bootstrap count, seed, …)
 * @param seed              seed of the profile reservoir
 * @param skipSpecialTokens leave the first and last token ([CLS], [SEP]: attention sinks, not distance effects) out of
 *                          the distance profiles — as queries and as keys; the thermodynamics always uses every key
 */
public record AtlasOptions(boolean truncate, int maxProfilesPerHead, DistanceProfile.Direction direction,
                           DecayFit.Options decay, long seed, boolean skipSpecialTokens) {

    /** Validates the options. */
    public AtlasOptions {
        if (maxProfilesPerHead < 1) throw new InvalidInputException("profiles per head must be >= 1");
        if (direction == null || decay == null) throw new InvalidInputException("direction and decay options are required");
    }

    /** No truncation, 256 profiles per head, both sides, special tokens skipped, 100 bootstrap replicates, seed 0. */
    public static AtlasOptions defaults() {
        return new AtlasOptions(false, 256, DistanceProfile.Direction.BOTH, DecayFit.Options.defaults().withBootstrap(100),
                0L, true);
    }

    /** These options with another profile direction. */
    public AtlasOptions withDirection(DistanceProfile.Direction d) {
        return new AtlasOptions(truncate, maxProfilesPerHead, d, decay, seed, skipSpecialTokens);
    }

    /** These options with the special tokens kept in (or left out of) the distance profiles. */
    public AtlasOptions withSkipSpecialTokens(boolean skip) {
        return new AtlasOptions(truncate, maxProfilesPerHead, direction, decay, seed, skip);
    }

    /** These options with truncation on or off. */
    public AtlasOptions withTruncate(boolean t) {
        return new AtlasOptions(t, maxProfilesPerHead, direction, decay, seed, skipSpecialTokens);
    }

    /** These options with another seed (reservoir and bootstrap). */
    public AtlasOptions withSeed(long s) {
        return new AtlasOptions(truncate, maxProfilesPerHead, direction, decay.withSeed(s), s, skipSpecialTokens);
    }

    /** These options with another bootstrap count for the decay fit. */
    public AtlasOptions withBootstrap(int b) {
        return new AtlasOptions(truncate, maxProfilesPerHead, direction, decay.withBootstrap(b), seed, skipSpecialTokens);
    }

    /** These options with another reservoir size. */
    public AtlasOptions withMaxProfilesPerHead(int m) {
        return new AtlasOptions(truncate, m, direction, decay, seed, skipSpecialTokens);
    }
}
