package io.thermoscope.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The graph edit on a hand-built one-head graph, checked against scores computed by hand. */
class AttentionGraphTest {

    @Test
    void exposesScoresAndProbabilitiesThatOrtComputes() throws Exception {
        AttentionGraph.Edited e = AttentionGraph.expose(TinyOnnx.model(true).toByteArray());
        assertEquals(1, e.sites().size());
        AttentionSite s = e.sites().get(0);
        assertEquals("s2", s.scores());
        assertEquals("p", s.probabilities());
        assertEquals("MatMul→Div→Add→Softmax", s.path());
        assertEquals(java.util.List.of("out"), e.originalOutputs());
        float[] q = {1, 0, 0, 1, 1, 1, -1, 2}, k = {1, 2, 0, -1, 0, 1, 1, 3}, v = {1, 2, 3, 4, 5, 6, 7, 8};
        float[] mask = {0, 0, -10000, 0};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(e.model(), new OrtSession.SessionOptions());
             OnnxTensor tq = OnnxTensor.createTensor(env, FloatBuffer.wrap(q), new long[] {1, 1, 4, 2});
             OnnxTensor tk = OnnxTensor.createTensor(env, FloatBuffer.wrap(k), new long[] {1, 1, 2, 4});
             OnnxTensor tv = OnnxTensor.createTensor(env, FloatBuffer.wrap(v), new long[] {1, 1, 4, 2});
             OnnxTensor tm = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, 1, 4});
             OrtSession.Result r = session.run(Map.of("q", tq, "k", tk, "v", tv, "mask", tm))) {
            OnnxTensor scores = (OnnxTensor) r.get("s2").orElseThrow();
            assertArrayEquals(new long[] {1, 1, 4, 4}, scores.getInfo().getShape());
            float[] sc = new float[16];
            scores.getFloatBuffer().get(sc);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double dot = q[2 * i] * k[j] + q[2 * i + 1] * k[4 + j]; // q_i · k_j (k stored transposed)
                    double expected = dot / Math.sqrt(2) + mask[j];
                    assertEquals(expected, sc[4 * i + j], 1e-6 * Math.max(1, Math.abs(expected))); // float32
                }
            }
            float[] p = new float[16];
            ((OnnxTensor) r.get("p").orElseThrow()).getFloatBuffer().get(p);
            assertEquals(0, p[2], 1e-12); // the masked key
            assertEquals(1, p[0] + p[1] + p[2] + p[3], 1e-6);
        }
    }

    @Test
    void aSoftmaxWithoutAScorePathIsNotAttention() {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> AttentionGraph.expose(TinyOnnx.model(false).toByteArray()));
        assertTrue(ex.getMessage().startsWith("cannot locate attention in the ONNX graph: 1 Softmax node(s)"), ex.getMessage());
    }

    @Test
    void corruptTruncatedAndEmptyFilesAreOneLineErrors() {
        byte[] good = TinyOnnx.model(true).toByteArray();
        for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(good, good.length / 2), "not a model".getBytes()}) {
            InvalidInputException ex = assertThrows(InvalidInputException.class, () -> AttentionGraph.expose(bad));
            assertTrue(ex.getMessage().startsWith("not an ONNX model") || ex.getMessage().startsWith("cannot locate"),
                    ex.getMessage());
            assertEquals(1, ex.getMessage().lines().count());
        }
    }
}
