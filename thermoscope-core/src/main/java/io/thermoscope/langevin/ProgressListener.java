package io.thermoscope.langevin;

/** Receives progress of a long run, possibly from several threads at once (implementations must be thread-safe). */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} units (walker-steps) are finished. */
    void progress(long done, long total);
}
