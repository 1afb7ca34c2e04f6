package io.thermoscope.bench.train;

import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.GrokSummary;
import io.thermoscope.train.TorchRuntime;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Training throughput of thermoscope-train (DJL + PyTorch CPU): optimiser steps per second of wall time and per
 * CPU-second, excluding evaluation time, for a preset at modulus p. The PyTorch-eager peer is
 * {@code thermoscope-bench/src/main/python/train_peer.py}; see docs/benchmarks/training.md.
 * Usage (class path of the CLI, which carries the native jars):
 * {@code java -cp thermoscope-bench/target/classes:thermoscope-cli/target/lib/* io.thermoscope.bench.train.TrainThroughput
 * PRESET P THREADS STEPS [REPEATS]}. Also reports the monitor's share at the preset's default cadence.
 */
public final class TrainThroughput {
    private TrainThroughput() {}

    /** One run of {@code n} steps evaluated only at 0 and n: {wall seconds, process CPU seconds, batch}. */
    private static double[] run(String preset, int p, int threads, int n,
                                com.sun.management.OperatingSystemMXBean os) throws Exception {
        GrokConfig cfg = GrokConfig.preset(preset, p, 0).withThreads(threads).withMaxSteps(n).withEvalEvery(n)
                .withCheckpointEvery(0).withStopAfterGrok(-1);
        Path dir = Files.createTempDirectory("train-bench");
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        GrokRun.train(cfg, dir, false, null);
        double wall = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return new double[] {wall, cpu, cfg.effectiveBatch()};
    }

    /** Runs the harness and prints one line per repeat. */
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "paper";
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 113;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TorchRuntime.start(threads);
        run(preset, p, threads, 20, os); // warm-up: engine, JIT
        for (int r = 1; r <= repeats; r++) {
            // differential: (steps + 20) minus 20 steps; both runs evaluate twice (step 0 and the end), so the
            // evaluation, data set-up and checkpoint costs cancel and only optimiser steps remain
            double[] small = run(preset, p, threads, 20, os);
            double[] big = run(preset, p, threads, steps + 20, os);
            double wall = big[0] - small[0], cpu = big[1] - small[1];
            System.out.printf(Locale.ROOT, "java-djl preset=%s p=%d batch=%d threads=%d steps=%d wall=%.3fs "
                    + "steps/s=%.2f cpu=%.3fs steps/cpu-s=%.2f%n", preset, p, (int) big[2], threads, steps, wall,
                    steps / wall, cpu, steps / cpu);
        }
        // monitor share at the preset's default cadence
        GrokConfig cfg = GrokConfig.preset(preset, p, 0).withThreads(threads).withMaxSteps(steps).withStopAfterGrok(-1)
                .withCheckpointEvery(0);
        Path dir = Files.createTempDirectory("train-bench");
        GrokSummary s = GrokRun.train(cfg, dir, false, null);
        System.out.printf(Locale.ROOT, "monitor at eval-every %d: monitor %.3f s, all evaluation %.3f s, wall %.3f s "
                + "-> monitor %.2f %%, evaluation %.2f %% of wall%n", cfg.evalEvery(), s.monitorSeconds(),
                s.evalSeconds(), s.wallSeconds(), 100 * s.monitorFraction(), 100 * s.evalSeconds() / s.wallSeconds());
    }
}
