package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.models.onnx.OnnxProto.ModelProto;
import io.thermoscope.rope.RopeEnergyShift;
import io.thermoscope.rope.RotaryEmbedding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported decoder runs in ONNX Runtime through the same path as any user's model: attention found in every
 * layer, RoPE found on the scores (the exposed pre-rotation queries and keys reproduce the model's energies through
 * core's {@link RotaryEmbedding}), the context limit read from the metadata, the byte tokenizer mapping text to its
 * UTF-8 bytes, and the causal mask visible in the probabilities.
 */
class DecoderExportTest {
    static final int LAYERS = 2, D = 16, HEADS = 2, MLP = 32, CONTEXT = 24, DK = D / HEADS;
    @TempDir
    static Path dir;
    static AttentionModel model;

    /** Random weights of the trainer's shape; RoPE tables with base 10000 as the trainer computes them. */
    static DecoderExport.Weights weights(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, float[]> t = new LinkedHashMap<>();
        t.put("W_E", gaussian(r, 256 * D, 1));
        for (int l = 0; l < LAYERS; l++) {
            String p = "L" + l + ".";
            t.put(p + "ln1.g", gaussian(r, D, 0.1, 1));
            t.put(p + "ln1.b", gaussian(r, D, 0.1));
            for (String n : new String[]{"W_Q", "W_K", "W_V", "W_O"}) t.put(p + n, gaussian(r, D * D, 0.4));
            t.put(p + "ln2.g", gaussian(r, D, 0.1, 1));
            t.put(p + "ln2.b", gaussian(r, D, 0.1));
            t.put(p + "W_in", gaussian(r, D * MLP, 0.3));
            t.put(p + "b_in", gaussian(r, MLP, 0.1));
            t.put(p + "W_out", gaussian(r, MLP * D, 0.2));
            t.put(p + "b_out", gaussian(r, D, 0.1));
        }
        t.put("lnf.g", gaussian(r, D, 0.1, 1));
        t.put("lnf.b", gaussian(r, D, 0.1));
        t.put("W_U", gaussian(r, D * 256, 0.3));
        double[] theta = new RotaryEmbedding(DK, 10000).frequencies();
        float[] cos = new float[CONTEXT * DK], sin = new float[CONTEXT * DK];
        for (int m = 0; m < CONTEXT; m++) {
            for (int i = 0; i < DK / 2; i++) {
                cos[m * DK + 2 * i] = cos[m * DK + 2 * i + 1] = (float) Math.cos(m * theta[i]);
                sin[m * DK + 2 * i] = sin[m * DK + 2 * i + 1] = (float) Math.sin(m * theta[i]);
            }
        }
        return new DecoderExport.Weights(LAYERS, D, HEADS, MLP, CONTEXT, 256, t, cos, sin);
    }

    static float[] gaussian(SplittableRandom r, int n, double std, double... mean) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((mean.length > 0 ? mean[0] : 0) + std * r.nextGaussian());
        return a;
    }

    /** Exports random weights of {@code seed} with the byte tokenizer into {@code dir} and loads them. */
    static AttentionModel exported(Path dir, long seed) throws Exception {
        Files.write(dir.resolve("model.onnx"), DecoderExport.toOnnx(weights(seed)));
        Files.writeString(dir.resolve("tokenizer.json"), ByteTokenizer.json());
        return AttentionModel.load(ModelSource.named(dir.toString()));
    }

    @BeforeAll
    static void export() throws Exception {
        model = exported(dir, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void attentionRopeAndContextAreFoundFromTheGraph() {
        assertEquals(LAYERS, model.layers());
        assertTrue(model.rotary(), "RoPE must be found on every layer's scores");
        assertEquals(CONTEXT, model.maxPositions());
        for (AttentionSite s : model.sites()) assertTrue(s.path().startsWith("MatMul→Div→Add"), s.path());
    }

    @Test
    void theByteTokenizerGivesUtf8Bytes() {
        String text = "Héllo, wörld — ½";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        long[] ids = model.tokenize(text);
        long[] expected = new long[utf8.length];
        for (int i = 0; i < utf8.length; i++) expected[i] = utf8[i] & 0xFF;
        assertArrayEquals(expected, ids);
    }

    @Test
    void probabilitiesAreCausalAndSoftmaxOfTheScores() {
        long[] ids = model.tokenize("The jury said so.");
        Forward f = model.forward(ids);
        assertEquals(256, f.hidden()[0].length, "the first output is the logits");
        int n = ids.length;
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < n; i++) {
                    double max = Double.NEGATIVE_INFINITY, z = 0;
                    for (int j = 0; j <= i; j++) max = Math.max(max, f.score(l, h, i, j));
                    for (int j = 0; j <= i; j++) z += Math.exp(f.score(l, h, i, j) - max);
                    for (int j = 0; j < n; j++) {
                        if (j > i) assertEquals(0f, f.prob(l, h, i, j), "key after the query");
                        else assertEquals(Math.exp(f.score(l, h, i, j) - max) / z, f.prob(l, h, i, j), 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void exposedPreRotationVectorsReproduceTheModelsEnergiesThroughCoreRope() {
        long[] ids = model.tokenize("Rotary pairs turn.");
        RotaryPass p = model.rotaryPass(ids);
        RotaryEmbedding rope = new RotaryEmbedding(DK, 10000);
        int n = ids.length;
        double worst = 0;
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                for (int m = 0; m < n; m++) {
                    double[] q = new double[DK];
                    for (int i = 0; i < DK; i++) q[i] = p.q()[l][(h * n + m) * DK + i];
                    double[] rq = rope.rotate(q, m);
                    // on the diagonal the two rotations cancel: the model's energy is the plain one
                    assertEquals(p.plainEnergy(l, h, m, m), p.energy(l, h, m, m), 1e-4 * (1 + Math.abs(p.energy(l, h, m, m))));
                    for (int j = 0; j <= m; j++) {
                        double[] k = new double[DK];
                        for (int i = 0; i < DK; i++) k[i] = p.k()[l][(h * n + j) * DK + i];
                        double[] rk = rope.rotate(k, j);
                        double e = 0;
                        for (int i = 0; i < DK; i++) e -= rq[i] * rk[i]; // E = −(R_m q)·(R_n k)
                        worst = Math.max(worst, Math.abs(e - p.energy(l, h, m, j)) / (1 + Math.abs(e)));
                    }
                }
            }
        }
        assertTrue(worst < 1e-4, "relative energy error " + worst);
    }

    @Test
    void ropeChangesEnergiesExceptOnTheDiagonal() {
        RotaryPass p = model.rotaryPass(model.tokenize("Rotary pairs turn."));
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                double[][][] rows = p.energyRows(l, h, true);
                RopeEnergyShift.Result s = RopeEnergyShift.compare(rows[0], rows[1], Math.sqrt(DK));
                assertEquals(p.tokens() * (p.tokens() + 1) / 2, s.pairs());
                assertTrue(s.byDistance()[0] < 1e-5, "distance 0: both rotations cancel, " + s.byDistance()[0]);
                assertTrue(s.relativeChange() > 0.05, "position-dependent rotations move the energies: " + s.relativeChange());
                // the model's own rotated energies are core's RoPE applied to the exposed vectors
                double[][] q = new double[p.tokens()][DK], k = new double[p.tokens()][DK];
                double[] pos = new double[p.tokens()];
                for (int m = 0; m < p.tokens(); m++) {
                    pos[m] = m;
                    for (int i = 0; i < DK; i++) {
                        q[m][i] = p.q()[l][(h * p.tokens() + m) * DK + i];
                        k[m][i] = p.k()[l][(h * p.tokens() + m) * DK + i];
                    }
                }
                RopeEnergyShift.Result core = RopeEnergyShift.measure(q, k, pos, new RotaryEmbedding(DK, 10000), true);
                assertEquals(core.relativeChange(), s.relativeChange(), 1e-4 * core.relativeChange());
            }
        }
    }

    @Test
    void inputsTooLongOrUnfedAreOneLineErrors(@TempDir Path other) throws Exception {
        var e = assertThrows(InvalidInputException.class, () -> model.forward(new long[CONTEXT + 1]));
        assertTrue(e.getMessage().contains("at most " + CONTEXT), e.getMessage());
        ModelProto m = ModelProto.parseFrom(DecoderExport.toOnnx(weights(2)));
        var g = m.getGraph().toBuilder().addInput(TinyOnnx.input("past_key_values.0.key", 1, 2, 1, DK));
        Files.write(other.resolve("model.onnx"), m.toBuilder().setGraph(g).build().toByteArray());
        Files.writeString(other.resolve("tokenizer.json"), ByteTokenizer.json());
        e = assertThrows(InvalidInputException.class, () -> AttentionModel.load(ModelSource.named(other.toString())));
        assertTrue(e.getMessage().contains("past_key_values.0.key") && !e.getMessage().contains("\n"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> new DecoderExport.Weights(LAYERS, D, HEADS, MLP, CONTEXT, 256,
                Map.of(), new float[0], new float[0]));
    }

    @Test
    void anEncoderHasNoRope() {
        var sites = AttentionGraph.locate(TinyOnnx.model(true).getGraph());
        assertFalse(sites.get(0).rotary());
    }
}
