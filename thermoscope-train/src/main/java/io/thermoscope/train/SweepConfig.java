package io.thermoscope.train;

import io.thermoscope.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A sweep: one run per (k, p, seed), each in {@code DIR/p{p}/seed{s}} ({@code DIR/k{k}/p{p}/seed{s}} for k ≠ 2).
 * Runs of one (k, p) train together as batches of at most {@code batchRuns} ({@link BatchRun}; 0 = all seeds of
 * that (k, p) in one batch), and {@code parallel} batches train at once, each in its own child JVM
 * ({@link GrokWorker}; 1 = in this process, one batch after another).
 *
 * @param runs      the resolved configuration of every run
 * @param parallel  number of batches trained at once
 * @param batchRuns largest number of runs per batch (0: every run of one (k, p) together)
 */
public record SweepConfig(List<GrokConfig> runs, int parallel, int batchRuns) {

    /** Validates: at least one run, parallel ≥ 1, batchRuns ≥ 0, (k, p, seed) distinct. */
    public SweepConfig {
        if (runs == null || runs.isEmpty()) throw new InvalidInputException("a sweep needs at least one run");
        if (parallel < 1) throw new InvalidInputException("parallel must be >= 1, got " + parallel);
        if (batchRuns < 0) throw new InvalidInputException("runs per batch must be >= 1 (or 0 = all seeds of one p), got " + batchRuns);
        runs = List.copyOf(runs);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (GrokConfig c : runs) {
            if (!seen.add(dirName(c))) throw new InvalidInputException("duplicate run " + dirName(c) + " in the sweep");
        }
    }

    /** Runs of {@code preset} for every p in {@code ps} and every seed 0..seeds-1, each passed through {@code overrides}. */
    public static SweepConfig of(String preset, List<Integer> ps, int seeds, UnaryOperator<GrokConfig> overrides,
                                 int parallel, int batchRuns) {
        if (ps.isEmpty()) throw new InvalidInputException("--p needs at least one modulus");
        if (seeds < 1) throw new InvalidInputException("seeds must be >= 1, got " + seeds);
        List<GrokConfig> runs = new ArrayList<>();
        for (int p : ps) {
            for (long s = 0; s < seeds; s++) runs.add(overrides.apply(GrokConfig.preset(preset, p, s)));
        }
        return new SweepConfig(runs, parallel, batchRuns);
    }

    /** The run directory of {@code cfg} relative to the sweep directory. */
    public static String dirName(GrokConfig cfg) {
        String kp = (cfg.task().operands() == 2 ? "" : "k" + cfg.task().operands() + "/") + "p" + cfg.p();
        return kp + "/seed" + cfg.seed();
    }

    /** The batches under {@code dir}: runs grouped by (k, p) in sweep order, chunked to {@code batchRuns}. */
    public List<BatchRun.Batch> batches(Path dir) {
        Map<String, List<GrokConfig>> groups = new LinkedHashMap<>();
        for (GrokConfig c : runs) {
            String kp = dirName(c).substring(0, dirName(c).lastIndexOf('/'));
            groups.computeIfAbsent(kp, x -> new ArrayList<>()).add(c);
        }
        List<BatchRun.Batch> out = new ArrayList<>();
        for (var g : groups.entrySet()) {
            List<GrokConfig> all = g.getValue();
            int size = batchRuns == 0 ? all.size() : batchRuns;
            for (int from = 0; from < all.size(); from += size) {
                List<GrokConfig> part = all.subList(from, Math.min(all.size(), from + size));
                List<BatchRun.Member> members = new ArrayList<>();
                for (GrokConfig c : part) members.add(new BatchRun.Member(c, dir.resolve(dirName(c))));
                Path ck = part.size() == 1 ? members.get(0).dir().resolve(BatchRun.CHECKPOINT)
                        : dir.resolve(g.getKey()).resolve("checkpoint-seeds" + part.get(0).seed() + "-"
                        + part.get(part.size() - 1).seed() + ".bin");
                out.add(new BatchRun.Batch(members, ck));
            }
        }
        return out;
    }
}
