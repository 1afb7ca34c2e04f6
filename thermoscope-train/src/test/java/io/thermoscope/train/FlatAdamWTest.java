package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The flat-buffer AdamW with DJL autograd gradients against a scalar double-precision transcription of the
 * published algorithm (Loshchilov &amp; Hutter 2019, Alg. 2, in PyTorch's form) on f(θ) = Σ c_i θ_i⁴/4, for two runs
 * with their own learning rate and weight decay, the second frozen after 12 steps.
 */
class FlatAdamWTest {

    @Test
    void matchesScalarReferencePerRunAndFreezes() {
        Engine engine = TorchRuntime.start(1);
        double b1 = 0.9, b2 = 0.98, eps = 1e-8;
        double[] lr = {0.05, 0.02}, wd = {0.5, 1.0};
        float[] theta0 = {1.5f, -0.7f, 0.2f, 2.0f, -1.1f, 0.4f, 0.9f, -2.2f};
        float[] c = {1f, 3f, 0.5f, 0.1f, 2f, 0.3f, 1.5f, 0.2f};
        try (NDManager m = engine.newBaseManager()) {
            NDArray p = m.create(theta0.clone(), new Shape(8));
            p.setRequiresGradient(true);
            NDArray cc = m.create(c, new Shape(8));
            FlatAdamW opt = new FlatAdamW(m, 4, lr, wd, b1, b2, eps);
            double[] th = new double[8], mm = new double[8], vv = new double[8];
            for (int i = 0; i < 8; i++) th[i] = theta0[i];
            for (int t = 1; t <= 20; t++) {
                boolean[] active = {true, t <= 12};
                double warm = Math.min(1, t / 5.0);
                try (NDManager sc = m.newSubManager()) {
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray x = p.get(":");
                        x.attach(sc);
                        gc.backward(x.pow(4).mul(cc).div(4).sum());
                    }
                    opt.step(p, p.getGradient(), warm, active, sc);
                    JniUtils.zeroGrad((PtNDArray) p);
                }
                for (int i = 0; i < 8; i++) {
                    int run = i / 4;
                    double eta = active[run] ? lr[run] * warm : 0;
                    double g = c[i] * th[i] * th[i] * th[i];
                    th[i] *= 1 - eta * wd[run];
                    mm[i] = b1 * mm[i] + (1 - b1) * g;
                    vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                    double mhat = mm[i] / (1 - Math.pow(b1, t));
                    double denom = Math.sqrt(vv[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                    th[i] -= eta * mhat / denom;
                }
            }
            float[] got = p.toFloatArray();
            for (int i = 0; i < 8; i++) assertEquals(th[i], got[i], 1e-5 * Math.max(1, Math.abs(th[i])), "theta " + i);
            assertEquals(20, opt.stepCount());
        }
    }
}
