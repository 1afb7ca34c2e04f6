package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The atlas against statistics computed directly from the model's own attention probabilities (ORT's softmax
 * output, not our ensemble code): S = −Σ p ln p, N_eff = 1/Σ p², C_v = Var_p(score) (since E/T = −score).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AtlasTest {

    static final String A = "The cat sat on the warm mat by the door.";
    static final String B = "Rain fell on the roof all night, and nobody in the house could sleep at all.";
    AttentionModel model;

    @BeforeAll
    void load() {
        model = AttentionModel.load(ModelSource.MINILM);
    }

    @AfterAll
    void close() {
        model.close();
    }

    /** Per-query (S, N_eff, C_v) of one head straight from the exposed tensors. */
    static double[][] direct(Forward f, int l, int h) {
        int n = f.tokens();
        double[][] out = new double[n][3];
        for (int i = 0; i < n; i++) {
            double s = 0, q = 0, m = 0, m2 = 0;
            for (int j = 0; j < n; j++) {
                double p = f.prob(l, h, i, j);
                if (p > 0) s -= p * Math.log(p);
                q += p * p;
                m += p * f.score(l, h, i, j);
            }
            for (int j = 0; j < n; j++) {
                double d = f.score(l, h, i, j) - m;
                m2 += f.prob(l, h, i, j) * d * d;
            }
            out[i] = new double[] {s, 1 / q, m2};
        }
        return out;
    }

    static List<io.thermoscope.corpus.Document> docs(String... texts) {
        return DefaultCorpus.documents(List.of(texts));
    }

    @Test
    void thePinnedPassIsTheCopyingForwardBitForBit() {
        for (String text : List.of(A, B, A)) { // lengths change: the buffers are reallocated, then reused
            long[] ids = model.tokenize(text);
            Forward f = model.forward(ids, true);
            model.withPass(ids, pass -> {
                int n = pass.tokens();
                assertEquals(f.tokens(), n);
                assertEquals(Math.sqrt(32), pass.temperature(), 0);
                float[] s = new float[n], p = new float[n];
                for (int l = 0; l < pass.layers(); l++) {
                    for (int h = 0; h < pass.heads(); h++) {
                        for (int i = 0; i < n; i++) {
                            pass.scores(l, h, i, s);
                            pass.probabilities(l, h, i, p);
                            for (int j = 0; j < n; j++) {
                                assertEquals(f.score(l, h, i, j), s[j], 0);
                                assertEquals(f.prob(l, h, i, j), p[j], 0);
                            }
                        }
                    }
                }
                assertEquals(io.thermoscope.attention.Masking.BIDIRECTIONAL, io.thermoscope.attention.Masking.detect(pass));
                return null;
            });
        }
    }

    @Test
    void headStatisticsMatchTheModelsOwnAttention() {
        AtlasResult r = Atlas.run(model, docs(A, B), AtlasOptions.defaults(), null);
        assertEquals(6, r.layers());
        assertEquals(12, r.headsPerLayer());
        assertEquals(Math.sqrt(32), r.T(), 0);
        assertEquals(List.of("prompt-001", "prompt-002"), r.documents());
        Forward fa = model.forward(A), fb = model.forward(B);
        assertEquals(fa.tokens() + fb.tokens(), r.tokens());
        for (int l = 0; l < 6; l++) {
            for (int h = 0; h < 12; h++) {
                double[][] a = direct(fa, l, h), b = direct(fb, l, h);
                int n = a.length + b.length;
                double[] mean = new double[3];
                for (double[] x : a) for (int c = 0; c < 3; c++) mean[c] += x[c] / n;
                for (double[] x : b) for (int c = 0; c < 3; c++) mean[c] += x[c] / n;
                double ss = 0;
                for (double[] x : a) ss += (x[2] - mean[2]) * (x[2] - mean[2]);
                for (double[] x : b) ss += (x[2] - mean[2]) * (x[2] - mean[2]);
                var s = r.head(l, h).thermodynamics();
                assertEquals(n, s.queries());
                // float32 probabilities from ORT, sums in double: agreement to ~1e-5 relative
                assertEquals(mean[0], s.S(), 2e-5 * Math.max(1, mean[0]), "S " + l + "/" + h);
                assertEquals(mean[1], s.nEff(), 2e-5 * mean[1], "N_eff " + l + "/" + h);
                assertEquals(mean[2], s.Cv(), 2e-5 * Math.max(1, mean[2]), "C_v " + l + "/" + h);
                assertEquals(Math.sqrt(ss / (n - 1)), s.CvStd(), 2e-5 * Math.max(1, mean[2]), "C_v std " + l + "/" + h);
                // F = U − T S (Eq. 24) between independently accumulated means
                assertEquals(s.U() - r.T() * s.S(), s.F(), 1e-9 * Math.max(1, Math.abs(s.F())));
            }
        }
    }

    @Test
    void decayFitGivesAnExponentAndPhasePerHead() {
        AtlasResult r = Atlas.run(model, docs(A, B, A + " " + B), AtlasOptions.defaults(), null);
        long profiles = 0;
        for (String t : List.of(A, B, A + " " + B)) profiles += model.tokenize(t).length - 2; // [CLS], [SEP] left out
        for (HeadStats s : r.heads()) {
            assertTrue(Double.isFinite(s.gamma()), "γ " + s);
            assertTrue(s.decay().gamma().low() <= s.decay().gamma().high());
            assertTrue(s.decay().lambda().value() >= 0);
            assertEquals(profiles, s.decay().profiles());
        }
        assertEquals(72, r.phasesByFit()[0] + r.phasesByFit()[1] + r.phasesByFit()[2]);
        assertEquals(3, r.shareNearOne().units());
    }

    @Test
    void tooLongInputIsAnErrorUnlessCut() {
        String longText = "word ".repeat(600);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Atlas.run(model, docs(longText), AtlasOptions.defaults(), null));
        assertTrue(e.getMessage().contains("--truncate"), e.getMessage());
        AtlasResult r = Atlas.run(model, docs(longText, A), AtlasOptions.defaults().withCutLong(true), null);
        assertEquals(1, r.cut());
        assertEquals(512 + model.tokenize(A).length, r.tokens());
        StringBuilder err = new StringBuilder();
        long[] ids = model.fit(longText, true, err::append);
        assertEquals(512, ids.length);
        assertEquals(model.tokenize("")[1], ids[511]);
        assertTrue(err.toString().startsWith("warning: input of 602 tokens truncated to 512"), err.toString());
    }

    @Test
    void writesJsonCsvAndFigures(@TempDir Path dir) throws Exception {
        AtlasResult r = Atlas.run(model, docs(A, B), AtlasOptions.defaults(), null);
        r.writeTo(dir, io.thermoscope.io.Provenance.capture(List.of("test"), 0L));
        for (String f : List.of("atlas.json", "atlas.csv", "documents.txt", "atlas-cv.svg", "atlas-cv.png",
                "atlas-entropy.svg", "atlas-entropy.png", "atlas-gamma.svg", "atlas-gamma.png", "gamma-histogram.svg")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(1 + 72, Files.readAllLines(dir.resolve("atlas.csv")).size());
        String json = Files.readString(dir.resolve("atlas.json"));
        assertTrue(json.contains("\"provenance\"") && json.contains("\"Cv\"") && json.contains("\"shareNearOne\""));
        assertTrue(!json.contains("Replicates"), "bootstrap resamples stay out of the JSON");
    }
}
