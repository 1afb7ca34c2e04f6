package io.thermoscope.train;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A sweep: one run per (p, seed), each in {@code DIR/p{p}/seed{s}}, run by {@code parallel} workers
 * (1 = in this process; more = child JVMs with one PyTorch thread each, which pays on small models).
 *
 * @param runs     the resolved configuration of every run, p-major
 * @param parallel number of concurrent runs
 */
public record SweepConfig(List<GrokConfig> runs, int parallel) {

    /** Validates: at least one run, parallel ≥ 1, (p, seed) pairs distinct. */
    public SweepConfig {
        if (runs == null || runs.isEmpty()) throw new InvalidInputException("a sweep needs at least one run");
        if (parallel < 1) throw new InvalidInputException("parallel must be >= 1, got " + parallel);
        runs = List.copyOf(runs);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (GrokConfig c : runs) {
            if (!seen.add(dirName(c))) throw new InvalidInputException("duplicate run " + dirName(c) + " in the sweep");
        }
    }

    /** Runs of {@code preset} for every p in {@code ps} and every seed 0..seeds-1, each passed through {@code overrides}. */
    public static SweepConfig of(String preset, List<Integer> ps, int seeds, UnaryOperator<GrokConfig> overrides,
                                 int parallel) {
        if (ps.isEmpty()) throw new InvalidInputException("--p needs at least one modulus");
        if (seeds < 1) throw new InvalidInputException("seeds must be >= 1, got " + seeds);
        List<GrokConfig> runs = new ArrayList<>();
        for (int p : ps) {
            for (long s = 0; s < seeds; s++) runs.add(overrides.apply(GrokConfig.preset(preset, p, s)));
        }
        return new SweepConfig(runs, parallel);
    }

    /** The run directory of {@code cfg} relative to the sweep directory: {@code p{p}/seed{s}}. */
    public static String dirName(GrokConfig cfg) {
        return "p" + cfg.p() + "/seed" + cfg.seed();
    }
}
