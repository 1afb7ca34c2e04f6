package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The cause of the earlier release's irreproducible runs, guarded: a forward pass must not leave the backward pass
 * an operand whose memory the JVM may free. Between forward and backward this test collects garbage and refills
 * freed native memory with junk; the gradients must stay bitwise those of an undisturbed step (with DJL's
 * {@code NDArray.div(Number)} in the graph they become garbage).
 */
class OperandLifetimeTest {

    @Test
    void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() throws Exception {
        GrokConfig cfg = GrokConfig.preset("paper", 7, 1).toBuilder().dModel(16).heads(2).dMlp(24).layers(2).batch(0).build();
        Engine engine = TorchRuntime.start(1);
        try (NDManager m = engine.newBaseManager()) {
            BatchedTransformer model = new BatchedTransformer(cfg, 2, m);
            NDArray params = m.create(model.initialParameters(List.of(new SplittableRandom(1), new SplittableRandom(2)),
                    new double[] {1, 1}), new Shape(model.layout().total()));
            params.setRequiresGradient(true);
            ModularSum data = ModularSum.of(cfg);
            int n = data.train().length, len = cfg.task().sequenceLength();
            long[] tok = new long[2 * n * len], ans = new long[2 * n];
            for (int s = 0; s < 2; s++) {
                System.arraycopy(data.tokenIds(data.train(), model.embeddingRowOffset(s)), 0, tok, s * n * len, n * len);
                int[] a = data.answers(data.train());
                for (int i = 0; i < n; i++) ans[s * n + i] = a[i];
            }
            NDArray x = m.create(tok, new Shape(2, n, len)), y = m.create(ans, new Shape(2, n, 1));
            float[] clean = gradient(engine, model, params, x, y, false);
            for (int round = 0; round < 3; round++) {
                assertArrayEquals(clean, gradient(engine, model, params, x, y, true), "round " + round);
            }
        }
    }

    private static float[] gradient(Engine engine, BatchedTransformer model, NDArray params, NDArray x, NDArray y,
                                    boolean churn) throws InterruptedException {
        try (NDManager sc = params.getManager().newSubManager()) {
            NDArray xb = x.get(":"), yb = y.get(":");
            xb.attach(sc);
            yb.attach(sc);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray loss = BatchRun.crossEntropy(model.forward(params, xb), yb).sum();
                if (churn) {
                    System.gc();
                    Thread.sleep(20);
                    List<ByteBuffer> junk = new ArrayList<>();
                    for (int i = 0; i < 5000; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                        b.putFloat(0, 1e6f + i);
                        junk.add(b);
                    }
                }
                gc.backward(loss);
            }
            float[] g = params.getGradient().toFloatArray();
            JniUtils.zeroGrad((PtNDArray) params);
            return g;
        }
    }
}
