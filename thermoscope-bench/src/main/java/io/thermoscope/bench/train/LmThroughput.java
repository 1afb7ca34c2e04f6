package io.thermoscope.bench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.thermoscope.corpus.BrownCorpus;
import io.thermoscope.train.TorchRuntime;
import io.thermoscope.train.lm.ByteCorpus;
import io.thermoscope.train.lm.LmConfig;
import io.thermoscope.train.lm.LmRun;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput of the language model (io.thermoscope.train.lm on DJL + PyTorch CPU): tokens per second (of wall
 * time and per CPU-second) of optimiser steps on the Brown corpus, the model's training FLOPs per token, and the share
 * of the fp32 matmul peak measured with the same libtorch (1024³, same thread count). The
 * PyTorch-eager peer is {@code thermoscope-bench/src/main/python/lm_peer.py}; results in docs/benchmarks.md.
 * Usage (class path of the CLI, which carries the native jars):
 * {@code java -cp thermoscope-bench/target/classes:thermoscope-cli/target/lib/* io.thermoscope.bench.train.LmThroughput
 * PRESET THREADS STEPS}.
 */
public final class LmThroughput {
    private LmThroughput() {
    }

    /** fp32 GFLOP/s of a 1024 × 1024 by 1024 × 1024 matmul in libtorch at the engine's thread count. */
    static double matmulPeak(int threads) {
        try (NDManager m = TorchRuntime.start(threads).newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(1024, 1024)), b = m.randomNormal(new Shape(1024, 1024));
            for (int i = 0; i < 3; i++) a.matMul(b).close();
            int reps = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) a.matMul(b).close();
            return reps * 2.0 * Math.pow(1024, 3) / ((System.nanoTime() - t0) * 1e-9) / 1e9;
        }
    }

    /** One run of {@code steps} optimiser steps, evaluated only at 0 and the end: {wall seconds, process CPU seconds}. */
    private static double[] run(LmConfig base, ByteCorpus corpus, int steps, com.sun.management.OperatingSystemMXBean os)
            throws Exception {
        LmConfig cfg = base.withSchedule(new LmConfig.Schedule(base.schedule().batch(), steps, steps, 4, 4, 0));
        Path dir = Files.createTempDirectory("lm-bench");
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        LmRun.train(cfg, corpus, dir, false, null, List.of("LmThroughput"));
        double wall = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return new double[] {wall, cpu};
    }

    /**
     * Runs the harness: after a warm-up run, the difference between a run of 10 + STEPS steps and one of 10 steps
     * (both evaluate, sample and score the baselines once, so only optimiser steps remain): tokens per second of wall
     * time and per CPU-second, FLOPs per token, achieved GFLOP/s and the share of the matmul peak.
     */
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "small";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        LmConfig cfg = LmConfig.preset(preset, 0).withThreads(threads);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TorchRuntime.start(threads);
        ByteCorpus corpus = ByteCorpus.split(BrownCorpus.load(System.err::println), cfg.split(), cfg.model().context());
        run(cfg, corpus, 10, os); // warm-up: engine, JIT, n-gram counts (cached for the runs below)
        double[] small = run(cfg, corpus, 10, os), big = run(cfg, corpus, 10 + steps, os);
        double tokens = (double) steps * cfg.schedule().batch() * cfg.model().context();
        double tps = tokens / (big[0] - small[0]), tpc = tokens / (big[1] - small[1]);
        double flops = cfg.model().trainingFlopsPerToken(), peak = matmulPeak(threads);
        LmConfig.Architecture a = cfg.model();
        System.out.printf(Locale.ROOT, "java-djl preset=%s L=%d d=%d heads=%d context=%d batch=%d threads=%d steps=%d "
                        + "tokens/s=%.1f tokens/cpu-s=%.1f flops/token=%.4g achieved-GFLOP/s=%.2f matmul-peak-GFLOP/s=%.2f "
                        + "share=%.1f%%%n", preset, a.layers(), a.dModel(), a.heads(), a.context(), cfg.schedule().batch(),
                threads, steps, tps, tpc, flops, tps * flops / 1e9, peak, 100 * tps * flops / 1e9 / peak);
    }
}
