package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batched transformer (every run of a batch, pruned training forward and complete monitor forward) against
 * an independent plain-Java double-precision forward pass written from the definitions (pre-LN or no LN, causal
 * softmax(q·kᵀ/√d_k), ReLU MLP, logits at the last position).
 */
class BatchedTransformerTest {

    @Test
    void forwardMatchesPlainJavaReferenceWithLayerNormAndThreeOperands() {
        check(GrokConfig.preset("paper", 5, 2).toBuilder().dModel(8).heads(2).dMlp(12).layers(3).operands(3).build(), 2);
    }

    @Test
    void forwardMatchesPlainJavaReferenceWithoutLayerNorm() {
        check(GrokConfig.preset("nanda2023", 7, 1).toBuilder().dModel(12).heads(3).dMlp(16).layers(1).build(), 3);
    }

    private static void check(GrokConfig cfg, int runs) {
        Engine engine = TorchRuntime.start(1);
        try (NDManager m = engine.newBaseManager()) {
            BatchedTransformer model = new BatchedTransformer(cfg, runs, m);
            ParameterLayout layout = model.layout();
            List<SplittableRandom> init = new ArrayList<>();
            double[] scale = new double[runs];
            for (int s = 0; s < runs; s++) {
                init.add(new SplittableRandom(11 + s));
                scale[s] = 1 + 0.5 * s;
            }
            float[] flat = model.initialParameters(init, scale);
            SplittableRandom r = new SplittableRandom(3); // LayerNorm gains/biases and MLP biases away from 1/0
            for (int s = 0; s < runs; s++) {
                for (ParameterLayout.Entry e : layout.entries()) {
                    if (!e.name().contains("ln") && !e.name().contains("b_")) continue;
                    long from = s * layout.perRun() + e.offset();
                    for (long i = from; i < from + e.size(); i++) flat[(int) i] += (float) (0.3 * r.nextGaussian());
                }
            }
            NDArray params = m.create(flat, new Shape(layout.total()));
            ModularSum data = ModularSum.of(cfg);
            int[] idx = {0, 3, cfg.p() + 2, data.answers().length - 1};
            int len = cfg.task().sequenceLength();
            long[] tok = new long[runs * idx.length * len];
            for (int s = 0; s < runs; s++) {
                long[] t = data.tokenIds(idx, model.embeddingRowOffset(s));
                System.arraycopy(t, 0, tok, s * t.length, t.length);
            }
            NDArray x = m.create(tok, new Shape(runs, idx.length, len));
            float[] logits = model.forward(params, x).toFloatArray();
            BatchedTransformer.Capture cap = model.capture(params, x);
            for (int s = 0; s < runs; s++) {
                Map<String, double[][]> w = new HashMap<>();
                for (ParameterLayout.Entry e : layout.entries()) w.put(e.name(), matrix(layout.slice(flat, s, e.name()), e.shape()));
                for (int b = 0; b < idx.length; b++) {
                    int[] t = new int[len];
                    for (int i = 0; i < len; i++) t[i] = data.tokens()[idx[b] * len + i];
                    List<double[][]> qk = new ArrayList<>();
                    double[] ref = reference(cfg, w, t, qk);
                    for (int o = 0; o < cfg.p(); o++) {
                        assertEquals(ref[o], logits[(s * idx.length + b) * cfg.p() + o], 2e-4 * Math.max(1, Math.abs(ref[o])),
                                "logit " + o + " of example " + b + " of run " + s);
                    }
                    int h = cfg.model().heads(), dk = cfg.dk();
                    for (int l = 0; l < cfg.model().layers(); l++) {
                        for (int hh = 0; hh < h; hh++) {
                            for (int i = 0; i < len; i++) {
                                for (int c = 0; c < dk; c++) {
                                    int at = ((((s * idx.length) + b) * h + hh) * len + i) * dk + c;
                                    assertEquals(qk.get(2 * l)[i][hh * dk + c], cap.q().get(l)[at], 2e-4, "q");
                                    assertEquals(qk.get(2 * l + 1)[i][hh * dk + c], cap.k().get(l)[at], 2e-4, "k");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[][] matrix(float[] v, long[] s) {
        int rows = s.length == 1 ? 1 : (int) s[0], cols = (int) s[s.length - 1];
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[i][j] = v[i * cols + j];
        return out;
    }

    /** Logits of one sequence; appends each layer's q and k ([seq][H·d_k]) to {@code qk}. */
    static double[] reference(GrokConfig cfg, Map<String, double[][]> w, int[] tok, List<double[][]> qk) {
        GrokConfig.Model ms = cfg.model();
        int d = ms.dModel(), h = ms.heads(), dk = ms.dk(), s = tok.length;
        double[][] x = new double[s][d];
        for (int i = 0; i < s; i++) for (int c = 0; c < d; c++) x[i][c] = w.get("W_E")[tok[i]][c] + w.get("W_pos")[i][c];
        for (int l = 0; l < ms.layers(); l++) {
            String p = "L" + l + ".";
            double[][] a = ms.layerNorm() ? ln(x, w.get(p + "ln1.g")[0], w.get(p + "ln1.b")[0]) : x;
            double[][] q = mul(a, w.get(p + "W_Q")), k = mul(a, w.get(p + "W_K")), v = mul(a, w.get(p + "W_V"));
            qk.add(q);
            qk.add(k);
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
            double[][] mm = ms.layerNorm() ? ln(x, w.get(p + "ln2.g")[0], w.get(p + "ln2.b")[0]) : x;
            double[][] hid = mul(mm, w.get(p + "W_in"));
            for (double[] row : hid) for (int c = 0; c < row.length; c++) row[c] = Math.max(0, row[c] + w.get(p + "b_in")[0][c]);
            double[][] out = mul(hid, w.get(p + "W_out"));
            for (double[] row : out) for (int c = 0; c < d; c++) row[c] += w.get(p + "b_out")[0][c];
            x = add(x, out);
        }
        double[][] last = {x[s - 1]};
        if (ms.layerNorm()) last = ln(last, w.get("lnf.g")[0], w.get("lnf.b")[0]);
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
