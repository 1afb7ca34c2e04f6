package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each run of a batch follows the same run trained alone by the reference engine (one tensor per parameter,
 * unpruned forward, per-tensor AdamW: the previous release) to float32 round-off: the train loss after every one of
 * the first 100 steps agrees to ≤ 1e-4, for runs that differ in seed, learning rate, weight decay and initial
 * scale, full batch and minibatches, with and without LayerNorm.
 */
class BatchEquivalenceTest {
    static final int STEPS = 100;

    @Test
    void fullBatchRunsWithTheirOwnHyperparametersFollowTheirSoloRuns(@TempDir Path dir) {
        GrokConfig base = GrokConfig.preset("fast", 11, 0).toBuilder().dModel(32).heads(4).dMlp(64).maxSteps(STEPS)
                .evalEvery(1).checkpointEvery(0).stopAfterGrok(-1).probeSize(8).build();
        List<GrokConfig> runs = List.of(base,
                base.toBuilder().seed(1).lr(1e-3).weightDecay(0.5).initScale(0.8).build(),
                base.toBuilder().seed(2).lr(2e-3).weightDecay(2).initScale(1.2).build());
        check(runs, dir);
    }

    @Test
    void minibatchLayerNormRunsFollowTheirSoloRuns(@TempDir Path dir) {
        GrokConfig base = GrokConfig.preset("paper", 7, 3).toBuilder().dModel(16).heads(2).dMlp(32).batch(8).lr(1e-3)
                .maxSteps(STEPS).evalEvery(1).checkpointEvery(0).stopAfterGrok(-1).probeSize(8).build();
        check(List.of(base, base.withSeed(4)), dir);
    }

    private static void check(List<GrokConfig> runs, Path dir) {
        List<BatchRun.Member> members = new ArrayList<>();
        for (GrokConfig c : runs) members.add(new BatchRun.Member(c, dir.resolve("s" + c.seed())));
        BatchRun.train(new BatchRun.Batch(members, dir.resolve("batch.bin")), false, GrokGate.DEFAULT,
                PlateauWindow.DEFAULT, null, List.of("test"));
        for (GrokConfig c : runs) {
            List<EvalRow> rows = GrokRun.readMetrics(dir.resolve("s" + c.seed()).resolve(BatchRun.METRICS),
                    c.model().layers() * c.model().heads());
            double[] alone = referenceLosses(c);
            assertEquals(STEPS + 1, rows.size());
            double worst = 0;
            for (int t = 0; t <= STEPS; t++) worst = Math.max(worst, Math.abs(rows.get(t).trainLoss() - alone[t]));
            assertTrue(worst <= 1e-4, "seed " + c.seed() + ": max |Δ train loss| = " + worst);
            assertTrue(alone[STEPS] < alone[0], "the reference run should learn");
        }
    }

    /** Full-train-set loss after 0..STEPS updates of the reference engine. */
    static double[] referenceLosses(GrokConfig cfg) {
        Engine engine = TorchRuntime.start(1);
        ModularSum.Streams st = ModularSum.Streams.of(cfg.seed());
        ModularSum data = ModularSum.of(cfg.task(), cfg.monitor().probeSize(), st);
        double[] out = new double[STEPS + 1];
        try (NDManager m = engine.newBaseManager()) {
            ReferenceTransformer model = new ReferenceTransformer(cfg, m, st.init());
            AdamW opt = new AdamW(model.parameters(), m, cfg.optimiser().beta1(), cfg.optimiser().beta2(),
                    cfg.optimiser().eps(), cfg.optimiser().weightDecay());
            int n = data.train().length, len = cfg.task().sequenceLength(), b = cfg.effectiveBatch();
            NDArray x = m.create(data.tokenIds(data.train(), 0), new Shape(n, len));
            long[] ans = new long[n];
            int[] a = data.answers(data.train());
            for (int i = 0; i < n; i++) ans[i] = a[i];
            NDArray y = m.create(ans, new Shape(n, 1));
            int spe = Math.max(1, n / b);
            int[] perm = null;
            for (int t = 0; t <= STEPS; t++) {
                try (NDManager sc = m.newSubManager()) {
                    NDArray all = model.forward(x, null);
                    all.attach(sc);
                    out[t] = -all.logSoftmax(-1).gather(y, 1).mean().getFloat();
                    if (t == STEPS) break;
                    NDArray xb = x, yb = y;
                    if (b < n) {
                        if (t % spe == 0) perm = ModularSum.permutation(n, new SplittableRandom(st.batchSeed() ^ (0x9E3779B97F4A7C15L * (t / spe + 1))));
                        long[] idx = new long[b];
                        for (int i = 0; i < b; i++) idx[i] = perm[(t % spe) * b + i];
                        NDArray ix = sc.create(idx);
                        xb = x.get(ix);
                        yb = y.get(ix);
                        xb.attach(sc);
                        yb.attach(sc);
                    }
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        gc.backward(model.forward(xb, null).logSoftmax(-1).gather(yb, 1).mean().neg());
                    }
                    double warm = cfg.schedule().warmupSteps() > 0 ? Math.min(1.0, (t + 1.0) / cfg.schedule().warmupSteps()) : 1.0;
                    opt.step(model.parameters(), cfg.optimiser().lr() * warm, sc);
                    for (NDArray p : model.parameters().values()) JniUtils.zeroGrad((PtNDArray) p);
                }
            }
        }
        return out;
    }
}
