package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.stats.ClusterBootstrap;

/**
 * Options of a {@link KappaScan}.
 *
 * @param minContext      smallest context length V (tokens, special tokens included)
 * @param maxContext      largest context length V: every document is cut to it, shorter ones are skipped
 * @param pointsPerOctave grid points per doubling of V
 * @param resamples       cluster-bootstrap resamples over documents (≥ 100)
 * @param confidence      confidence level of the intervals
 * @param seed            seed of the bootstrap
 */
public record KappaOptions(int minContext, int maxContext, int pointsPerOctave, int resamples, double confidence,
                           long seed) {

    /** Validates the options. */
    public KappaOptions {
        if (minContext < 4) throw new InvalidInputException("the smallest context must be >= 4 tokens, got " + minContext);
        if (maxContext < 4L * minContext) {
            throw new InvalidInputException("the largest context must be at least 4 × the smallest (two octaves), got "
                    + minContext + " … " + maxContext);
        }
        if (pointsPerOctave < 2) throw new InvalidInputException("need >= 2 points per octave, got " + pointsPerOctave);
        if (resamples < 100) throw new InvalidInputException("bootstrap resamples must be >= 100, got " + resamples);
        if (!(confidence > 0 && confidence < 1)) throw new InvalidInputException("confidence must lie in (0, 1)");
    }

    /** V from 16 to 512, 4 points per octave, 200 resamples, 90 % intervals, seed 0. */
    public static KappaOptions defaults() {
        return new KappaOptions(16, 512, 4, 200, 0.90, 0L);
    }

    /** These options with another bootstrap seed. */
    public KappaOptions withSeed(long s) {
        return new KappaOptions(minContext, maxContext, pointsPerOctave, resamples, confidence, s);
    }

    /** These options with another context range. */
    public KappaOptions withContext(int min, int max) {
        return new KappaOptions(min, max, pointsPerOctave, resamples, confidence, seed);
    }

    /** The cluster bootstrap these options describe. */
    public ClusterBootstrap bootstrap() {
        return new ClusterBootstrap(resamples, confidence, seed);
    }

    /** The scan's growth grid. */
    ModelScan.Growth growth() {
        return new ModelScan.Growth(minContext, pointsPerOctave);
    }
}
