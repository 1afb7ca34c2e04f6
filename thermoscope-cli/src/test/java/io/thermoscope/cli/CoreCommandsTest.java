package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;
import io.thermoscope.io.NdArray;
import io.thermoscope.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI contract of the foundation commands: exact keys, values equal to the library's, one-line errors. */
class CoreCommandsTest {

    @Test
    void ensembleEmitsTheContractKeysWithTheLibrarysValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.txt");
        Files.writeString(f, "-1.5, 0.25\n2 3.75 -0.5\n");
        CliRun r = CliRun.of("ensemble", "--energies", f.toString(), "--temperature", "0.8");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        EnsembleStatistics st = BoltzmannEnsemble.of(new double[] {-1.5, 0.25, 2, 3.75, -0.5}, 0.8);
        for (String k : new String[] {"T", "n", "logZ", "F", "U", "S", "Cv", "varE", "nEff"}) assertTrue(j.has(k), k);
        assertEquals(st.logZ(), j.get("logZ").asDouble(), 0);
        assertEquals(st.Cv(), j.get("Cv").asDouble(), 0);
        assertEquals(5, j.get("n").asInt());
        JsonNode p = j.get("provenance");
        for (String k : new String[] {"version", "gitCommit", "jdk", "commandLine", "seed"}) assertTrue(p.has(k), k);
        assertEquals("ensemble", p.get("commandLine").get(1).asText());
    }

    @Test
    void badInputIsOneLineExitTwoAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("e.txt"), out = dir.resolve("out.json");
        String[][] cases = {{"", "0.5"}, {"1 2 NaN", "1"}, {"1 2 inf", "1"}, {"1 2 x", "1"}, {"1 2", "0"}, {"1 2", "-1"},
                {"1 2", "NaN"}};
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            CliRun r = CliRun.of("ensemble", "--energies", f.toString(), "--temperature", c[1], "--out", out.toString());
            assertTrue(r.isOneLineUserError(), c[0] + " / " + c[1] + " -> " + r.code() + " " + r.err());
            assertFalse(Files.exists(out), "no output file for " + c[0]);
        }
        CliRun missing = CliRun.of("ensemble", "--energies", dir.resolve("none.txt").toString(), "--temperature", "1");
        assertTrue(missing.isOneLineUserError(), missing.err());
        CliRun unknown = CliRun.of("ensemble", "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: "));
    }

    static Path npy(Path dir, String name, double[][] m) {
        Path p = dir.resolve(name);
        Npy.write(p, NdArray.ofRows(m));
        return p;
    }

    static double[][] gaussian(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int c = 0; c < cols; c++) row[c] = r.nextGaussian();
        return m;
    }

    @Test
    void headReportsPerQueryRowsAggregateAndDynamicalTemperature(@TempDir Path dir) {
        Path q = npy(dir, "q.npy", gaussian(6, 4, 1)), k = npy(dir, "k.npy", gaussian(6, 4, 2));
        Path wq = npy(dir, "wq.npy", gaussian(8, 4, 3)), wk = npy(dir, "wk.npy", gaussian(8, 4, 4));
        CliRun r = CliRun.of("head", "--q", q.toString(), "--k", k.toString(), "--causal", "--wq", wq.toString(), "--wk", wk.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(6, j.get("perQuery").size());
        assertEquals(1, j.get("perQuery").get(0).get("n").asInt(), "causal: first query sees one key");
        assertEquals(2.0, j.get("T").asDouble(), 0);
        assertTrue(j.get("dynamicalTemperature").get("teffFrobenius").asDouble() > 0);
        assertTrue(j.has("cvProxy"));
        Path kBad = npy(dir, "kb.npy", gaussian(6, 5, 2));
        assertTrue(CliRun.of("head", "--q", q.toString(), "--k", kBad.toString()).isOneLineUserError());
    }

    @Test
    void firstLawWritesTheCurveAndCsv(@TempDir Path dir) throws Exception {
        Path e = dir.resolve("rows.txt");
        Files.writeString(e, "0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0\n");
        Path csv = dir.resolve("pv.csv");
        CliRun r = CliRun.of("first-law", "--energies", e.toString(), "--temperature", "2", "--n-eff", "1", "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(8, j.get("points").size());
        assertEquals(1.0, j.get("pressureOverIdealAtVmax").asDouble(), 1e-14);
        assertEquals(9, Files.readAllLines(csv).size());
        assertTrue(CliRun.of("first-law", "--energies", e.toString()).isOneLineUserError(), "temperature required");
    }

    @Test
    void variationalCheckAgreesWithSoftmax(@TempDir Path dir) throws Exception {
        Path e = dir.resolve("e.txt");
        Files.writeString(e, "3 1 4 1 5 9 2 6");
        JsonNode j = CliRun.of("variational-check", "--energies", e.toString(), "--temperature", "1.5").json();
        assertTrue(j.get("converged").asBoolean());
        assertTrue(j.get("maxAbsDeviationFromSoftmax").asDouble() < 1e-12);
    }

    @Test
    void demoWritesJsonAndFigures(@TempDir Path dir) {
        CliRun r = CliRun.of("demo", "--out", dir.toString(), "--tokens", "16", "--dk", "8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("C_v peak"));
        for (String f : new String[] {"demo.json", "demo_cv_vs_T.svg", "demo_cv_vs_T.png", "demo_pressure.svg"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (var sub : Main.commandLine().getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) continue;
            CliRun r = CliRun.of(sub.getKey(), "--help");
            assertEquals(0, r.code(), sub.getKey());
            assertTrue(r.out().contains("Example"), sub.getKey() + " help lacks an example");
        }
    }
}
