package io.thermoscope.models;

import io.thermoscope.ensemble.DynamicalTemperature;
import io.thermoscope.ensemble.FreeEnergyMinimiser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** κ scan pieces: ln Z against context from the exposed scores, weight ranks against an SVD, files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KappaScanTest {

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
    void headRankEqualsTheSvdParticipationRatio() {
        Forward f = model.forward("Rank of the query-key map.");
        double[][] ranks = model.headRanks(f);
        assertEquals(6, ranks.length);
        double[][][][] w = model.projections();
        for (int[] lh : new int[][] {{0, 0}, {3, 7}, {5, 11}}) {
            double[][] wq = ProjectionWeights.head(w[lh[0]][0], lh[1], 32);
            double[][] wk = ProjectionWeights.head(w[lh[0]][1], lh[1], 32);
            assertEquals(384, wq.length);
            double svd = DynamicalTemperature.of(wq, wk).nEffQK();
            assertEquals(svd, ranks[lh[0]][lh[1]], 1e-8 * svd);
            assertTrue(svd > 1 && svd <= 32, "N_eff " + svd);
        }
    }

    @Test
    void participationRatioOfRandomMatricesMatchesTheSvd() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] a = new double[20][5], b = new double[20][5];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 5; j++) {
                a[i][j] = rng.nextGaussian();
                b[i][j] = rng.nextGaussian() * (j + 1);
            }
        }
        double svd = DynamicalTemperature.of(a, b).nEffQK();
        assertEquals(svd, ProjectionWeights.participationRatio(a, b), 1e-10 * svd);
    }

    @Test
    void energiesAreMinusScoreTimesTAndSoftmaxIsTheirFreeEnergyMinimiser() {
        String prompt = "Softmax minimises the free energy.";
        double[][] e = model.energies(prompt, 2, 5);
        Forward f = model.forward(prompt);
        double T = Math.sqrt(32);
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e.length; j++) assertEquals(-f.score(2, 5, i, j) * T, e[i][j], 1e-12);
            // an independent minimiser of F[ρ] = Σρ E + T Σρ ln ρ lands on the model's own attention row
            FreeEnergyMinimiser.Result r = new FreeEnergyMinimiser().minimise(e[i], T);
            assertTrue(r.converged());
            for (int j = 0; j < e.length; j++) assertEquals(f.prob(2, 5, i, j), r.rho()[j], 1e-6);
        }
    }

    /** ln Z(V) of the scan's fixed queries is the log-sum-exp of the model's own scores over the admitted keys. */
    @Test
    void contextGrowthOnTheModelIsTheLogSumExpOverTheAdmittedKeys() {
        String text = DefaultCorpus.passages().get(0);
        ModelScan scan = ModelScan.run(model, DefaultCorpus.documents(List.of(text)),
                new ModelScan.Options(128, 128, new ModelScan.Growth(16, 4), false, true), null);
        assertEquals(1, scan.cut());
        io.thermoscope.attention.ContextGrowth.Curve c = scan.scan().curves().get(0);
        assertEquals(List.of(16, 19, 23, 27, 32, 38, 45, 54, 64, 76, 91, 108, 128),
                java.util.Arrays.stream(c.grid()).boxed().toList());
        long[] ids = java.util.Arrays.copyOf(model.tokenize(text), 128);
        ids[127] = model.tokenize("")[1]; // [SEP] closes the cut
        Forward f = model.forward(ids, false);
        for (int[] lh : new int[][] {{0, 0}, {2, 5}, {5, 11}}) {
            for (int g = 0; g < c.grid().length; g++) {
                int V = c.grid()[g];
                double all = 0, textOnly = 0;
                for (int q = 1; q < 15; q++) { // queries 1 … 14: inside the smallest context, [CLS] and [SEP] out
                    double[] s = new double[128];
                    for (int j = 0; j < 128; j++) s[j] = f.score(lh[0], lh[1], q, j);
                    all += io.thermoscope.attention.KeyWindows.logSumExp(s, 0, V - 1, 127, 128) / 14;
                    textOnly += io.thermoscope.attention.KeyWindows.logSumExp(s, 1, V - 1, 0, 0) / 14;
                }
                assertEquals(all, c.lnZ()[lh[0]][lh[1]][g], 1e-5);
                assertEquals(textOnly, c.lnZText()[lh[0]][lh[1]][g], 1e-5);
            }
        }
    }

    @Test
    void kappaOfTwoPassagesHasEveryOctaveAndWritesItsFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<io.thermoscope.corpus.Document> docs = DefaultCorpus.documents(List.of(DefaultCorpus.passages().get(0),
                DefaultCorpus.passages().get(1), "too short to reach the largest context"));
        KappaResult r = KappaScan.run(model, docs, KappaOptions.defaults().withContext(16, 256), null);
        assertEquals(2, r.documents().size());
        assertEquals(1, r.tooShort());
        var c = r.compressibility();
        assertEquals(4, c.windows().size()); // [128, 256], [64, 128], [32, 64], [16, 32]
        for (var e : c.c()) assertTrue(e.value() > 0 && e.value() < 1.5 && e.low() <= e.high(), e.text());
        assertEquals(c.c().get(0).value() / c.nEff(), c.kappa().value(), 1e-12);
        assertEquals(1 / c.nEff(), c.kappaIdeal(), 1e-15);
        assertTrue(c.nEff() > 1 && c.nEff() < 32, "weight rank " + c.nEff());
        r.writeTo(dir, io.thermoscope.io.Provenance.capture(List.of("test"), 0L));
        KappaScan.figure(List.of(r)).save(dir, "kappa");
        for (String f : List.of("kappa-minilm.json", "kappa-minilm.csv", "kappa-minilm-heads.csv", "kappa.svg")) {
            assertTrue(java.nio.file.Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(1 + 72, java.nio.file.Files.readAllLines(dir.resolve("kappa-minilm-heads.csv")).size());
    }

    @Test
    void embeddedPassagesFillTheWholeContext() {
        List<String> passages = DefaultCorpus.passages();
        assertEquals(2, passages.size());
        for (String p : passages) assertTrue(model.tokenize(p).length > 540, "tokens " + model.tokenize(p).length);
    }
}
