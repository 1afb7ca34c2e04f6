package io.thermoscope.reproduce;

import io.thermoscope.io.Provenance;

import java.nio.file.Path;

/**
 * What a running stage gets: the run's configuration, its own output directory, provenance, and a progress sink.
 *
 * @param config     the reproduction's configuration
 * @param dir        the stage's output directory (created)
 * @param provenance provenance of the whole run (stages add their own seeds)
 * @param progress   receives the stage's progress
 */
public record StageContext(ReproductionConfig config, Path dir, Provenance provenance, Progress progress) {

    /** Receives a stage's progress. */
    public interface Progress {
        /** Fraction done in [0, 1] and a short detail text. */
        void update(double fraction, String detail);
    }

    /** A seed for a sub-computation, derived deterministically from the master seed and a label. */
    public long seed(String label) {
        long h = config.seed() * 0x9E3779B97F4A7C15L;
        for (char c : label.toCharArray()) h = (h ^ c) * 0x100000001B3L;
        return h ^ (h >>> 31);
    }
}
