package io.thermoscope.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three correctness checks of the graph edit on all-MiniLM-L6-v2 (model loaded once). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiniLmCorrectnessTest {

    static final String TEXT = "The temperature of attention is the square root of the key dimension.";
    AttentionModel model;

    @BeforeAll
    void load() {
        model = AttentionModel.load(ModelSource.MINILM);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void locatesSixLayersOfTwelveHeadsFromTheGraph() {
        assertEquals(6, model.layers());
        Forward f = model.forward(TEXT);
        assertEquals(12, f.heads());
        assertEquals(32, AttentionModel.keyDimension(f));
        assertEquals(512, model.maxPositions());
        for (AttentionSite s : model.sites()) assertTrue(s.path().startsWith("MatMul"), s.path());
    }

    @Test
    void editedModelReproducesTheUneditedModelsOutput() throws Exception {
        EditCheck.assertSameHidden(model, ModelSource.MINILM, TEXT);
    }

    @Test
    void softmaxOfExposedScoresIsTheExposedProbabilities() {
        EditCheck.assertSoftmax(model.forward(TEXT), 1e-6);
    }

    @Test
    void pooledEmbeddingEqualsLangChain4js() {
        float[] ours = model.embed(TEXT);
        float[] theirs = new AllMiniLmL6V2EmbeddingModel().embed(TEXT).content().vector();
        assertEquals(theirs.length, ours.length);
        double max = 0;
        for (int i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(ours[i] - theirs[i]));
        assertTrue(max <= 1e-5, "max |Δ| = " + max);
    }

    /** Shared checks. */
    static final class EditCheck {
        private EditCheck() {
        }

        /** The edited model's first output equals a plain ORT session's on the unedited bytes. */
        static void assertSameHidden(AttentionModel model, ModelSource source, String text) throws Exception {
            long[] ids = model.tokenize(text);
            Forward f = model.forward(ids);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession plain = env.createSession(source.readOnnx(), new OrtSession.SessionOptions())) {
                long[] shape = {1, ids.length};
                long[] ones = new long[ids.length];
                java.util.Arrays.fill(ones, 1);
                Map<String, OnnxTensor> feed = new HashMap<>();
                feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape));
                if (plain.getInputNames().contains("token_type_ids")) {
                    feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
                }
                try (OrtSession.Result r = plain.run(feed)) {
                    FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    float[][] h = f.hidden();
                    int d = h[0].length;
                    assertEquals(ids.length * d, b.remaining());
                    double max = 0;
                    for (int i = 0; i < ids.length; i++) {
                        for (int j = 0; j < d; j++) max = Math.max(max, Math.abs(h[i][j] - b.get(i * d + j)));
                    }
                    // ORT may fuse the unedited graph differently (float reassociation): agreement to float32 noise
                    assertTrue(max <= 1e-5, "max |Δ hidden| = " + max);
                } finally {
                    for (OnnxTensor t : feed.values()) t.close();
                }
            }
        }

        /** softmax over keys of the exposed scores (computed in double) equals the exposed probabilities. */
        static void assertSoftmax(Forward f, double tol) {
            int n = f.tokens();
            double max = 0;
            for (int l = 0; l < f.layers(); l++) {
                for (int h = 0; h < f.heads(); h++) {
                    for (int q = 0; q < n; q++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int k = 0; k < n; k++) m = Math.max(m, f.score(l, h, q, k));
                        double z = 0;
                        for (int k = 0; k < n; k++) z += Math.exp(f.score(l, h, q, k) - m);
                        for (int k = 0; k < n; k++) {
                            double p = Math.exp(f.score(l, h, q, k) - m) / z;
                            max = Math.max(max, Math.abs(p - f.prob(l, h, q, k)));
                        }
                    }
                }
            }
            assertTrue(max <= tol, "max |softmax(scores) − probs| = " + max);
        }
    }
}
