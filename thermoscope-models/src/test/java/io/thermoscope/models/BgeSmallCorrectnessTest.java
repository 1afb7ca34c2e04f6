package io.thermoscope.models;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The graph edit on bge-small-en-v1.5, the second architecture (model loaded once). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BgeSmallCorrectnessTest {

    static final String TEXT = "Softmax attention is a Boltzmann distribution over the keys.";
    AttentionModel model;

    @BeforeAll
    void load() {
        model = AttentionModel.load(ModelSource.BGE_SMALL);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void locatesTwelveLayersOfTwelveHeads() {
        assertEquals(12, model.layers());
        Forward f = model.forward(TEXT);
        assertEquals(12, f.heads());
        assertEquals(32, AttentionModel.keyDimension(f));
    }

    @Test
    void editedModelReproducesTheUneditedModelsOutput() throws Exception {
        MiniLmCorrectnessTest.EditCheck.assertSameHidden(model, ModelSource.BGE_SMALL, TEXT);
    }

    @Test
    void softmaxOfExposedScoresIsTheExposedProbabilities() {
        MiniLmCorrectnessTest.EditCheck.assertSoftmax(model.forward(TEXT), 1e-6);
    }

    @Test
    void clsEmbeddingEqualsLangChain4jsBge() {
        float[] ours = model.embed(TEXT);
        float[] theirs = new BgeSmallEnV15EmbeddingModel().embed(TEXT).content().vector();
        double max = 0;
        for (int i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(ours[i] - theirs[i]));
        assertTrue(max <= 1e-5, "max |Δ| = " + max);
    }
}
