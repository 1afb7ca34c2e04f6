package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AdamW on NDArrays with DJL autograd gradients against a scalar double-precision transcription of the published
 * algorithm (Loshchilov &amp; Hutter 2019, Alg. 2, in PyTorch's form) on f(θ) = Σ c_i θ_i⁴/4 (gradient c_i θ_i³).
 */
class AdamWTest {

    @Test
    void matchesScalarReferenceOverTwentySteps() {
        Engine engine = TorchRuntime.start(1);
        double lr = 0.05, b1 = 0.9, b2 = 0.98, eps = 1e-8, wd = 0.5;
        float[] theta0 = {1.5f, -0.7f, 0.2f, 2.0f};
        float[] c = {1f, 3f, 0.5f, 0.1f};
        try (NDManager m = engine.newBaseManager()) {
            NDArray p = m.create(theta0.clone());
            p.setRequiresGradient(true);
            NDArray cc = m.create(c);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("p", p);
            AdamW opt = new AdamW(params, m, b1, b2, eps, wd);
            double[] th = new double[4], mm = new double[4], vv = new double[4];
            for (int i = 0; i < 4; i++) th[i] = theta0[i];
            for (int t = 1; t <= 20; t++) {
                try (NDManager sc = m.newSubManager()) {
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray x = p.get(":");
                        x.attach(sc);
                        gc.backward(x.pow(4).mul(cc).div(4).sum());
                    }
                    opt.step(params, lr, sc);
                    JniUtils.zeroGrad((PtNDArray) p);
                }
                for (int i = 0; i < 4; i++) {
                    double g = c[i] * th[i] * th[i] * th[i];
                    th[i] *= 1 - lr * wd;
                    mm[i] = b1 * mm[i] + (1 - b1) * g;
                    vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                    double mhat = mm[i] / (1 - Math.pow(b1, t));
                    double denom = Math.sqrt(vv[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                    th[i] -= lr * mhat / denom;
                }
            }
            float[] got = p.toFloatArray();
            for (int i = 0; i < 4; i++) assertEquals(th[i], got[i], 1e-5 * Math.max(1, Math.abs(th[i])), "theta " + i);
            assertEquals(20, opt.stepCount());
        }
    }
}
