package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.stats.ClusterBootstrap;

/**
 * Options of an {@link Atlas} run.
 *
 * @param cutLong    cut documents longer than the model's positions (counted) instead of refusing them
 * @param resamples  cluster-bootstrap resamples over documents for the intervals (≥ 100)
 * @param confidence confidence level of the intervals
 * @param seed       seed of the bootstrap
 * @param nearOneLow lower edge of the band [nearOneLow, 1) of γ "just below 1" (the chapter's observation)
 */
public record AtlasOptions(boolean cutLong, int resamples, double confidence, long seed, double nearOneLow) {

    /** Validates the options. */
    public AtlasOptions {
        if (resamples < 100) throw new InvalidInputException("bootstrap resamples must be >= 100, got " + resamples);
        if (!(confidence > 0 && confidence < 1)) throw new InvalidInputException("confidence must lie in (0, 1)");
        if (!(nearOneLow < 1)) throw new InvalidInputException("the near-one band must start below 1");
    }

    /** Refuse long inputs, 200 resamples, 90 % intervals, seed 0, band [0.8, 1). */
    public static AtlasOptions defaults() {
        return new AtlasOptions(false, 200, 0.90, 0L, 0.8);
    }

    /** These options with long documents cut (true) or refused. */
    public AtlasOptions withCutLong(boolean cut) {
        return new AtlasOptions(cut, resamples, confidence, seed, nearOneLow);
    }

    /** These options with another bootstrap seed. */
    public AtlasOptions withSeed(long s) {
        return new AtlasOptions(cutLong, resamples, confidence, s, nearOneLow);
    }

    /** These options with another number of resamples. */
    public AtlasOptions withResamples(int b) {
        return new AtlasOptions(cutLong, b, confidence, seed, nearOneLow);
    }

    /** These options with another confidence level. */
    public AtlasOptions withConfidence(double c) {
        return new AtlasOptions(cutLong, resamples, c, seed, nearOneLow);
    }

    /** The cluster bootstrap these options describe. */
    public ClusterBootstrap bootstrap() {
        return new ClusterBootstrap(resamples, confidence, seed);
    }
}
