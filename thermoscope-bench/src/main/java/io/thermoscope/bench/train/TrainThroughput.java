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

    /** Runs the harness and prints one line per repeat. */
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "paper";
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 113;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TorchRuntime.start(threads);
        for (int r = 0; r <= repeats; r++) {
            int n = r == 0 ? 20 : steps; // r = 0: warm-up (engine, JIT)
            GrokConfig cfg = GrokConfig.preset(preset, p, 0).withThreads(threads).withMaxSteps(n).withEvalEvery(n)
                    .withCheckpointEvery(0).withStopAfterGrok(-1);
            Path dir = Files.createTempDirectory("train-bench");
            long cpu0 = os.getProcessCpuTime();
            GrokSummary s = GrokRun.train(cfg, dir, false, null);
            double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
            double trainWall = s.wallSeconds() - s.evalSeconds();
            if (r > 0) {
                System.out.printf(Locale.ROOT, "java-djl preset=%s p=%d batch=%d threads=%d steps=%d wall=%.3fs "
                        + "steps/s=%.2f cpu(incl. eval)=%.3fs%n", preset, p, cfg.effectiveBatch(), threads, n,
                        trainWall, n / trainWall, cpu);
            }
            try (var w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
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
