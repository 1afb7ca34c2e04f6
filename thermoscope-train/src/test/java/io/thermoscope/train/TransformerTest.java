package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The NDArray transformer against an independent plain-Java double-precision forward pass written from the
 * definitions (pre-LN, causal softmax(q·kᵀ/√d_k), ReLU MLP, logits at the last position).
 */
class TransformerTest {

    @Test
    void forwardMatchesPlainJavaReferenceWithLayerNorm() {
        check(GrokConfig.preset("paper", 5, 2).withDModel(8).withHeads(2).withDMlp(12).withLayers(3));
    }

    @Test
    void forwardMatchesPlainJavaReferenceWithoutLayerNorm() {
        check(GrokConfig.preset("nanda2023", 7, 1).withDModel(12).withHeads(3).withDMlp(16).withLayers(1));
    }

    private static void check(GrokConfig cfg) {
        Engine engine = TorchRuntime.start(1);
        try (NDManager m = engine.newBaseManager()) {
            Transformer model = new Transformer(cfg, m, new SplittableRandom(11));
            // perturb LayerNorm gains/biases and MLP biases away from 1/0 so that they are exercised
            SplittableRandom r = new SplittableRandom(3);
            for (var e : model.parameters().entrySet()) {
                if (e.getKey().contains("ln") || e.getKey().contains("b_")) {
                    float[] v = e.getValue().toFloatArray();
                    for (int i = 0; i < v.length; i++) v[i] += (float) (0.3 * r.nextGaussian());
                    e.getValue().set(v);
                }
            }
            ModularAddition data = ModularAddition.of(cfg);
            int[] idx = {0, 3, cfg.p() + 2, cfg.p() * cfg.p() - 1};
            NDArray x = m.create(data.tokenIds(idx), new Shape(idx.length, 3));
            Transformer.Capture cap = new Transformer.Capture(new ArrayList<>(), new ArrayList<>());
            float[] logits = model.forward(x, cap).toFloatArray();
            Map<String, double[][]> w = new java.util.HashMap<>();
            for (var e : model.parameters().entrySet()) w.put(e.getKey(), matrix(e.getValue()));
            for (int b = 0; b < idx.length; b++) {
                double[] ref = reference(cfg, w, data.tokens(idx[b]));
                for (int o = 0; o < cfg.p(); o++) {
                    assertEquals(ref[o], logits[b * cfg.p() + o], 2e-4 * Math.max(1, Math.abs(ref[o])),
                            "logit " + o + " of example " + b);
                }
            }
        }
    }

    private static double[][] matrix(NDArray a) {
        float[] v = a.toFloatArray();
        long[] s = a.getShape().getShape();
        int rows = s.length == 1 ? 1 : (int) s[0], cols = (int) s[s.length - 1];
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[i][j] = v[i * cols + j];
        return out;
    }

    private static double[] reference(GrokConfig cfg, Map<String, double[][]> w, int[] tok) {
        int d = cfg.dModel(), h = cfg.heads(), dk = cfg.dk(), s = 3;
        double[][] x = new double[s][d];
        for (int i = 0; i < s; i++) for (int c = 0; c < d; c++) x[i][c] = w.get("W_E")[tok[i]][c] + w.get("W_pos")[i][c];
        for (int l = 0; l < cfg.layers(); l++) {
            String p = "L" + l + ".";
            double[][] a = cfg.layerNorm() ? ln(x, w.get(p + "ln1.g")[0], w.get(p + "ln1.b")[0]) : x;
            double[][] q = mul(a, w.get(p + "W_Q")), k = mul(a, w.get(p + "W_K")), v = mul(a, w.get(p + "W_V"));
            double[][] z = new double[s][h * dk];
            for (int hh = 0; hh < h; hh++) {
                for (int i = 0; i < s; i++) {
                    double[] sc = new double[i + 1];
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int c = 0; c < dk; c++) dot += q[i][hh * dk + c] * k[j][hh * dk + c];
                        sc[j] = dot / Math.sqrt(dk);
                        mx = Math.max(mx, sc[j]);
                    }
                    double zsum = 0;
                    for (int j = 0; j <= i; j++) zsum += Math.exp(sc[j] - mx);
                    for (int j = 0; j <= i; j++) {
                        double pj = Math.exp(sc[j] - mx) / zsum;
                        for (int c = 0; c < dk; c++) z[i][hh * dk + c] += pj * v[j][hh * dk + c];
                    }
                }
            }
            x = add(x, mul(z, w.get(p + "W_O")));
            double[][] mm = cfg.layerNorm() ? ln(x, w.get(p + "ln2.g")[0], w.get(p + "ln2.b")[0]) : x;
            double[][] hid = mul(mm, w.get(p + "W_in"));
            for (double[] row : hid) for (int c = 0; c < row.length; c++) row[c] = Math.max(0, row[c] + w.get(p + "b_in")[0][c]);
            double[][] out = mul(hid, w.get(p + "W_out"));
            for (double[] row : out) for (int c = 0; c < d; c++) row[c] += w.get(p + "b_out")[0][c];
            x = add(x, out);
        }
        double[][] last = {x[s - 1]};
        if (cfg.layerNorm()) last = ln(last, w.get("lnf.g")[0], w.get("lnf.b")[0]);
        return mul(last, w.get("W_U"))[0];
    }

    private static double[][] ln(double[][] x, double[] g, double[] b) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mu = 0, var = 0;
            for (double v : x[i]) mu += v;
            mu /= x[i].length;
            for (double v : x[i]) var += (v - mu) * (v - mu);
            var /= x[i].length;
            for (int c = 0; c < x[i].length; c++) out[i][c] = (x[i][c] - mu) / Math.sqrt(var + 1e-5) * g[c] + b[c];
        }
        return out;
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) for (int k = 0; k < b.length; k++) for (int j = 0; j < b[0].length; j++) out[i][j] += a[i][k] * b[k][j];
        return out;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) out[i][j] = a[i][j] + b[i][j];
        return out;
    }
}
