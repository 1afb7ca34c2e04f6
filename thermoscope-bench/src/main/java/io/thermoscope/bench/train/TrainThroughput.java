package io.thermoscope.bench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.thermoscope.train.BatchedTransformer;
import io.thermoscope.train.FlatAdamW;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.ModularSum;
import io.thermoscope.train.TorchRuntime;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput of the batched engine against the PyTorch-eager peer, in one harness run: run-steps per second
 * (optimiser steps × runs, wall time, training steps only — no evaluation) of S runs of a preset trained as one batch,
 * the same S runs trained one after another by {@code thermoscope-bench/src/main/python/train_peer.py} (1 thread,
 * Debian's python3-torch, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment), alternating engine and
 * peer repeat by repeat, and the share of the machine's measured single-thread GEMM rate that a step reaches
 * (model FLOPs per step — the matrix products of the pruned forward pass, ×3 for forward + backward — over step time).
 *
 * <p>Usage (class path of the CLI, which carries the native jars; from the repository root):
 * {@code java -cp "thermoscope-bench/target/classes:thermoscope-cli/target/thermoscope-cli.jar:thermoscope-cli/target/lib/*"
 * io.thermoscope.bench.train.TrainThroughput PRESET P RUNS STEPS [REPEATS]}, e.g. {@code fast 31 5 300 3} and
 * {@code paper 113 1 100 3}.
 */
public final class TrainThroughput {
    private TrainThroughput() {
    }

    /** Wall seconds of {@code steps} training steps of a batch of {@code runs} seeds (after 20 warm-up steps). */
    static double engine(GrokConfig base, int runs, int steps) {
        Engine engine = TorchRuntime.start(1);
        try (NDManager m = engine.newBaseManager()) {
            BatchedTransformer model = new BatchedTransformer(base, runs, m);
            List<SplittableRandom> init = new ArrayList<>();
            double[] scale = new double[runs], lr = new double[runs], wd = new double[runs];
            int n = base.task().trainSize(), len = base.task().sequenceLength(), b = base.effectiveBatch();
            long[] tok = new long[runs * n * len], ans = new long[runs * n];
            long[] batchSeed = new long[runs];
            for (int s = 0; s < runs; s++) {
                ModularSum.Streams st = ModularSum.Streams.of(s);
                ModularSum data = ModularSum.of(base.task(), base.monitor().probeSize(), st);
                init.add(st.init());
                batchSeed[s] = st.batchSeed();
                scale[s] = 1;
                lr[s] = base.optimiser().lr();
                wd[s] = base.optimiser().weightDecay();
                System.arraycopy(data.tokenIds(data.train(), model.embeddingRowOffset(s)), 0, tok, s * n * len, n * len);
                int[] a = data.answers(data.train());
                for (int i = 0; i < n; i++) ans[s * n + i] = a[i];
            }
            NDArray params = m.create(model.initialParameters(init, scale), new Shape(model.layout().total()));
            params.setRequiresGradient(true);
            FlatAdamW opt = new FlatAdamW(m, model.layout().perRun(), lr, wd, base.optimiser().beta1(),
                    base.optimiser().beta2(), base.optimiser().eps());
            NDArray x = m.create(tok, new Shape(runs, n, len)), y = m.create(ans, new Shape(runs, n, 1));
            boolean[] active = new boolean[runs];
            java.util.Arrays.fill(active, true);
            long t0 = 0;
            int spe = Math.max(1, n / b);
            int[][] perm = new int[runs][];
            for (int step = 0; step < 20 + steps; step++) {
                if (step == 20) t0 = System.nanoTime();
                try (NDManager sc = m.newSubManager()) {
                    NDArray xb, yb;
                    if (b == n) {
                        xb = x.get(":");
                        yb = y.get(":");
                    } else { // minibatches as BatchRun draws them: a permutation per run and epoch
                        if (step % spe == 0) {
                            for (int s = 0; s < runs; s++) {
                                perm[s] = ModularSum.permutation(n, new SplittableRandom(batchSeed[s] ^ (0x9E3779B97F4A7C15L * (step / spe + 1))));
                            }
                        }
                        long[] idx = new long[runs * b];
                        for (int s = 0; s < runs; s++) for (int i = 0; i < b; i++) idx[s * b + i] = (long) s * n + perm[s][(step % spe) * b + i];
                        NDArray ix = sc.create(idx);
                        xb = x.reshape((long) runs * n, len).get(ix).reshape(runs, b, len);
                        yb = y.reshape((long) runs * n, 1).get(ix).reshape(runs, b, 1);
                    }
                    xb.attach(sc);
                    yb.attach(sc);
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray loss = model.forward(params, xb).logSoftmax(-1).gather(yb, 2).squeeze(2).mean(new int[] {1}).neg();
                        gc.backward(loss.sum());
                    }
                    opt.step(params, params.getGradient(), 1.0, active, sc);
                    JniUtils.zeroGrad((PtNDArray) params);
                }
            }
            params.getFloat(0); // synchronise (CPU: a no-op, kept for clarity)
            return (System.nanoTime() - t0) * 1e-9;
        }
    }

    /** Forward FLOPs of one run's training step (matrix products of the pruned forward pass). */
    static double forwardFlops(GrokConfig c) {
        double b = c.effectiveBatch(), l = c.task().sequenceLength(), d = c.model().dModel(), hd = d, m = c.model().dMlp();
        double h = c.model().heads(), dk = c.model().dk(), p = c.p();
        double full = 3 * 2 * b * l * d * hd + 2 * 2 * b * h * l * l * dk + 2 * b * l * hd * d + 2 * 2 * b * l * d * m;
        double last = 2 * 2 * b * l * d * hd + 2 * b * d * hd + 2 * 2 * b * h * l * dk + 2 * b * hd * d + 2 * 2 * b * d * m;
        return (c.model().layers() - 1) * full + last + 2 * b * d * p;
    }

    /** Single-thread float32 GEMM rate (GFLOP/s) of libtorch on an n×n×n product, best of {@code reps}. */
    static double gemmRate(int n, int reps) {
        Engine engine = TorchRuntime.start(1);
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(n, n)), b = m.randomNormal(new Shape(n, n));
            double best = 0;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                int inner = 10;
                for (int i = 0; i < inner; i++) {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0);
                    }
                }
                double s = (System.nanoTime() - t0) * 1e-9;
                best = Math.max(best, inner * 2.0 * n * n * n / s * 1e-9);
            }
            return best;
        }
    }

    /** Runs the peer once and returns its run-steps/s (and prints its line). */
    static double peer(String preset, int p, int runs, int steps) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", Path.of("thermoscope-bench/src/main/python/train_peer.py").toString(),
                preset, Integer.toString(p), "1", Integer.toString(steps), Integer.toString(runs)).redirectErrorStream(true);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        Process proc = pb.start();
        double rate = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("  peer: " + line);
                int at = line.indexOf("run-steps/s=");
                if (at >= 0) rate = Double.parseDouble(line.substring(at + 12).split(" ")[0]);
            }
        }
        if (proc.waitFor() != 0) throw new IllegalStateException("the peer failed");
        return rate;
    }

    /** Runs the harness and prints one line per repeat, then the summary. */
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "fast";
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 31;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        GrokConfig c = GrokConfig.preset(preset, p, 0);
        double gemm = gemmRate(512, 5);
        double flops = 3 * forwardFlops(c); // forward + backward (≈ 2× forward)
        System.out.printf(Locale.ROOT, "GEMM 512^3 float32, 1 thread: %.1f GFLOP/s; model FLOPs per run-step %.3g%n", gemm, flops);
        engine(c, runs, 20); // warm-up: engine start, JIT
        List<Double> eng = new ArrayList<>(), peers = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            double wall = engine(c, runs, steps);
            double rate = runs * steps / wall;
            eng.add(rate);
            System.out.printf(Locale.ROOT, "java-batched preset=%s p=%d S=%d steps=%d wall=%.3fs run-steps/s=%.2f GEMM share=%.1f%%%n",
                    preset, p, runs, steps, wall, rate, 100 * rate * flops * 1e-9 / gemm);
            peers.add(peer(preset, p, runs, steps));
        }
        double e = median(eng), q = median(peers);
        System.out.printf(Locale.ROOT, "median: engine %.2f run-steps/s, peer %.2f run-steps/s, ratio %.2fx; a step reaches %.1f%% of "
                + "the GEMM rate%n", e, q, e / q, 100 * e * flops * 1e-9 / gemm);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : 0.5 * (s.get(n / 2 - 1) + s.get(n / 2));
    }
}
