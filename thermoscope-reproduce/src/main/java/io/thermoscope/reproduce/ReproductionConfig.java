package io.thermoscope.reproduce;

import java.nio.file.Path;

/**
 * What a reproduction runs: the quick protocol (small p, the {@code fast} preset, about 10 minutes on 2 cores) or the
 * paper's full protocol (p = 19…113, 5 seeds, the {@code paper} preset; days on 2 cores), where, and from which seed.
 *
 * @param full whether to run the paper's full protocol
 * @param out  the results directory
 * @param seed master seed; every stage derives its seeds from it
 */
public record ReproductionConfig(boolean full, Path out, long seed) {

    /** The quick protocol into {@code out}. */
    public static ReproductionConfig quick(Path out, long seed) {
        return new ReproductionConfig(false, out, seed);
    }

    /** "quick" or "full". */
    public String mode() {
        return full ? "full" : "quick";
    }
}
