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

    @Test
    void headStatisticsMatchTheModelsOwnAttention() {
        AtlasResult r = Atlas.run(model, List.of(A, B), AtlasOptions.defaults().withBootstrap(0), null);
        assertEquals(6, r.layers());
        assertEquals(12, r.headsPerLayer());
        assertEquals(Math.sqrt(32), r.T(), 0);
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
                HeadStats s = r.head(l, h);
                assertEquals(n, s.queries());
                // float32 probabilities from ORT vs our double-precision ensemble: agreement to ~1e-5 relative
                assertEquals(mean[0], s.S(), 2e-5 * Math.max(1, mean[0]), "S " + l + "/" + h);
                assertEquals(mean[1], s.nEff(), 2e-5 * mean[1], "N_eff " + l + "/" + h);
                assertEquals(mean[2], s.Cv(), 2e-5 * Math.max(1, mean[2]), "C_v " + l + "/" + h);
                assertEquals(Math.sqrt(ss / (n - 1)), s.CvStd(), 2e-5 * Math.max(1, mean[2]), "C_v std " + l + "/" + h);
                // F = U − T S (Eq. 24) between independently accumulated means
                assertEquals(s.U() - s.T() * s.S(), s.F(), 1e-9 * Math.max(1, Math.abs(s.F())));
            }
        }
    }

    @Test
    void decayFitGivesAnExponentAndPhasePerHead() {
        AtlasResult r = Atlas.run(model, List.of(B), AtlasOptions.defaults().withBootstrap(20), null);
        for (HeadStats s : r.heads()) {
            assertTrue(Double.isFinite(s.gamma()), "γ " + s);
            assertTrue(List.of("A", "B", "crossover", "none").contains(s.phase()));
            assertTrue(s.gammaLo() <= s.gammaHi());
            assertEquals(model.forward(B).tokens() - 2, s.profiles()); // [CLS] and [SEP] left out as queries
        }
    }

    @Test
    void tooLongInputIsAnErrorUnlessTruncated() {
        String longText = "word ".repeat(600);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Atlas.run(model, List.of(longText), AtlasOptions.defaults().withBootstrap(0), null));
        assertTrue(e.getMessage().contains("--truncate"), e.getMessage());
        StringBuilder err = new StringBuilder();
        long[] ids = model.fit(longText, true, err::append);
        assertEquals(512, ids.length);
        assertEquals(model.tokenize("")[1], ids[511]);
        assertTrue(err.toString().startsWith("warning: input of 602 tokens truncated to 512"),
                err.toString());
    }

    @Test
    void writesJsonCsvAndHeatmaps(@TempDir Path dir) throws Exception {
        AtlasResult r = Atlas.run(model, List.of(A), AtlasOptions.defaults().withBootstrap(0), null);
        r.writeTo(dir);
        for (String f : List.of("atlas.json", "atlas.csv", "atlas-cv.svg", "atlas-cv.png", "atlas-entropy.svg",
                "atlas-entropy.png", "atlas-gamma.svg", "atlas-gamma.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(1 + 72, Files.readAllLines(dir.resolve("atlas.csv")).size());
        String json = Files.readString(dir.resolve("atlas.json"));
        assertTrue(json.contains("\"provenance\"") && json.contains("\"Cv\""));
    }
}
