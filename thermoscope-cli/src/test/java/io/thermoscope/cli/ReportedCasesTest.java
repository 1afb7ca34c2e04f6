package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inputs of issue 14 ("the contract everywhere"), each through the CLI as a user typed it. Numbers are checked
 * against the mpmath tables of thermoscope-core (read from its test resources, with their generating scripts beside
 * them); the library-level tests against the same tables are ExtremeValuesTest, DistanceExtremesTest,
 * EnsembleExtremesTest and EquationOfStateFitTest; the umask, the stale temporaries of a Ctrl-C'd run and the
 * shutdown hook are AtomicFilesTest's, the directory lock DirectoryLockTest's. The grok cases (concurrent runs on
 * one --out, checkpoints with short arrays or NaN weights, --lr 1e30 leftovers) belong to the training engine's
 * tests.
 */
class ReportedCasesTest {
    /** thermoscope-core's test resources (the tests run in the module directory). */
    private static final Path CORE_REFERENCES = Path.of("..", "thermoscope-core", "src", "test", "resources", "io",
            "thermoscope");

    /** The fields of the first row of a core reference table whose first fields are {@code key}. */
    private static String[] reference(String table, String... key) throws IOException {
        try (Stream<String> lines = Files.lines(CORE_REFERENCES.resolve(table))) {
            return lines.map(l -> l.split(",", -1)).filter(f -> {
                for (int i = 0; i < key.length; i++) if (!f[i].equals(key[i])) return false;
                return true;
            }).findFirst().orElseThrow(() -> new AssertionError("no row " + List.of(key) + " in " + table));
        }
    }

    private static void close(String expected, double got, double rel, String what) {
        double want = new BigDecimal(expected).doubleValue();
        assertTrue(Math.abs(got - want) <= rel * Math.abs(want), what + ": got " + got + ", mpmath " + expected);
    }

    /** Exit 2, exactly one line "error: …", and {@code fragment} in it. */
    private static void refused(CliRun r, String fragment) {
        assertTrue(r.isOneLineUserError(), "exit " + r.code() + ", stderr: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in " + r.err());
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    // ----- stack traces -----

    @Test
    void langevinOutAtAnExistingFileOrBelowOneIsOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        refused(CliRun.of("langevin", "--out", file.toString(), "--walkers", "50", "--t-end", "0.1"), "is a file");
        refused(CliRun.of("langevin", "--out", file.resolve("below").toString(), "--walkers", "50", "--t-end", "0.1"),
                "is a file");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void firstLawWithAnEmptyQIsOneLine(@TempDir Path dir) throws IOException {
        Path q = write(dir, "q.npy", ContractFixtures.npy("<f8", new int[] {0, 8}, new double[0]));
        Path k = write(dir, "k.npy", ContractFixtures.npy("<f8", new int[] {3, 8}, new double[24]));
        refused(CliRun.of("first-law", "--q", q.toString(), "--k", k.toString()), "is empty: shape (0, 8)");
    }

    // rope-check --max-position 2147483647, --dim 100000000 and --alpha ±1e308:
    // RopeCheckCommandTest.extremeParametersRunOrAreRefusedUpFront

    // ----- wrong numbers with exit 0 -----

    @Test
    void zetaBelowMinus171IsFinite() throws IOException {
        CliRun r = CliRun.of("zeta", "--s", "-171");
        assertEquals(0, r.code(), r.err());
        close(reference("special/reference/extreme_reference.csv", "zeta", "-171.0")[3], r.json().get("value").asDouble(),
                1e-12, "zeta(-171)");
        CliRun h = CliRun.of("zeta", "--s", "-171", "--a", "0.25");
        assertEquals(0, h.code(), h.err());
        close(reference("special/reference/extreme_reference.csv", "hurwitz", "-171.0", "0.25")[3],
                h.json().get("value").asDouble(), 1e-12, "zeta(-171, 0.25)");
        refused(CliRun.of("zeta", "--s", "-265"), "-4.658e316 is beyond the double range");
    }

    @Test
    void kvWindowIsTheTrueOne() throws IOException {
        CliRun r = CliRun.of("distance", "--gamma", "1.01", "--mass", "0.9");
        assertEquals(0, r.code(), r.err());
        JsonNode kv = r.json().get("kvWindow");
        String[] ref = reference("distance/reference/distance_extreme_reference.csv", "window", "1.01", "0.0", "inf", "0.9");
        close(ref[6], kv.get("window").asDouble(), 1e-9, "window for 90 % at gamma 1.01");   // ≈ 5.6e99, was 2^63 − 1
        assertFalse(kv.get("windowExact").asBoolean());
        assertTrue(kv.get("captured").asDouble() >= 0.9 * (1 - 1e-15) && kv.get("captured").asDouble() < 0.9 + 1e-9,
                kv.toString());
    }

    @Test
    void distanceAtLambda800IsFinite() throws IOException {
        CliRun r = CliRun.of("distance", "--gamma", "1", "--lambda", "800");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        String[] ref = reference("distance/reference/distance_extreme_reference.csv", "moments", "1.0", "800.0", "inf");
        close(ref[4], j.get("logZ").asDouble(), 1e-15, "ln Z");                       // −800, was −Infinity
        assertEquals(0.0, j.get("meanLogDistance").asDouble(), 1e-300);             // ~1e-348 (mpmath), was NaN
        assertEquals(0.0, j.get("Cv").asDouble(), 1e-300);
        ContractPropertyTest.requireFinite(j, "stdout", r.out());
    }

    @Test
    void ensembleAtExtremeMagnitudesIsFinite(@TempDir Path dir) throws IOException {
        String table = "ensemble/reference/ensemble_extreme_reference.csv";
        String[] head = reference(table, "case");
        for (String name : new String[] {"huge-spread", "pm1e300-at-1e300"}) {
            String[] ref = reference(table, name);
            Path f = Files.writeString(dir.resolve(name + ".txt"), ref[2].replace(';', ' '));
            CliRun r = CliRun.of("ensemble", "--energies", f.toString(), "--temperature", ref[1]);
            assertEquals(0, r.code(), r.err());
            JsonNode j = r.json();
            ContractPropertyTest.requireFinite(j, name, r.out());
            for (int c = 3; c < head.length; c++) {
                String key = head[c];
                if (ref[c].equals("overflow")) {
                    assertTrue(j.get(key).isNull(), name + " " + key + " is beyond the double range: " + j.get(key));
                } else {
                    close(ref[c], j.get(key).asDouble(), 1e-12, name + " " + key);
                }
            }
        }
    }

    @Test
    void headWithQOf1e308IsNotAllNaN(@TempDir Path dir) throws IOException {
        double[] q = new double[24], k = new double[32];
        java.util.Arrays.fill(q, 1e308);
        for (int i = 0; i < k.length; i++) k[i] = (i % 3) - 1;
        Path qf = write(dir, "q.npy", ContractFixtures.npy("<f8", new int[] {3, 8}, q));
        Path kf = write(dir, "k.npy", ContractFixtures.npy("<f8", new int[] {4, 8}, k));
        CliRun r = CliRun.of("head", "--q", qf.toString(), "--k", kf.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode a = r.json().get("aggregate");
        ContractPropertyTest.requireFinite(r.json(), "stdout", r.out());
        assertTrue(a.get("S").isNumber() && a.get("nEff").isNumber() && a.get("Cv").isNumber(), a.toString());
    }

    @Test
    void eosFitNeverReadsUndecidableDataAsAnIdealGas(@TempDir Path dir) throws IOException {
        Path flat = Files.writeString(dir.resolve("flat.csv"), "V,P\n4,1\n4,1.01\n4,1.02\n4,1.03\n4,1.04\n4,1.05\n");
        refused(CliRun.of("eos-fit", "--csv", flat.toString()), "distinct volumes");
        StringBuilder huge = new StringBuilder("V,P\n");
        for (int v = 2; v < 32; v++) huge.append(v).append(',').append(1e200 * (1 + v % 3)).append('\n');
        Path h = Files.writeString(dir.resolve("huge.csv"), huge);
        CliRun r = CliRun.of("eos-fit", "--csv", h.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("INCONCLUSIVE", r.json().get("outcome").asText(), r.out());
        assertFalse(r.json().get("verdict").asText().contains("ideal gas suffices"), r.out());
    }

    // ----- leftovers -----

    @Test
    void aFailedOutputLeavesTheOtherOutputsUnwritten(@TempDir Path dir) throws IOException {
        Path energies = Files.writeString(dir.resolve("rows.txt"), "0 1 2 3\n0.5 0.2 1 0\n");
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        Path csv = dir.resolve("curve.csv");
        refused(CliRun.of("first-law", "--energies", energies.toString(), "--temperature", "1", "--csv", csv.toString(),
                "--out", blocker.resolve("out.json").toString()), "is a file");
        assertFalse(Files.exists(csv), "first-law --csv A --out BAD left A");
        Path figures = dir.resolve("figures");
        refused(CliRun.of("distance", "--gamma", "1.3", "--figures", figures.toString(), "--out",
                blocker.resolve("out.json").toString()), "is a file");
        assertFalse(Files.exists(figures), "distance --figures DIR --out BAD left DIR");
    }

    @Test
    void aFailedLangevinRunLeavesNoDirectory(@TempDir Path dir) {
        Path out = dir.resolve("a").resolve("b");
        CliRun r = CliRun.of("langevin", "--dt", "1", "--walkers", "50", "--t-end", "1", "--out", out.toString());
        // --dt 1 diverges: said in the user's terms, not "y holds a non-finite value (NaN) at index 0"
        refused(r, "--dt 1 is too large a step");
        assertFalse(r.err().contains("index"), r.err());
        assertFalse(Files.exists(dir.resolve("a")), "failed langevin left " + dir.resolve("a"));
    }

    /** Found by the property test: t-end = 1e-320 reached the ODE integrator's own check (an internal error). */
    @Test
    void dynamicsWithATinyTEndIsOneLine(@TempDir Path dir) throws IOException {
        Path e = Files.writeString(dir.resolve("e.txt"), "0 1 2\n");
        Path out = dir.resolve("run");
        refused(CliRun.of("dynamics", "--energies", e.toString(), "--temperature", "1", "--t-end", "1e-320", "--out",
                out.toString()), "too short");
        assertFalse(Files.exists(out));
    }

    // ----- small things -----

    @Test
    void picocliErrorsAreOneLine() {
        for (String[] args : new String[][] {{"ensemble", "--bogus"}, {"ensemble"}, {"zeta", "--s", "x"}, {"nope"}}) {
            CliRun r = CliRun.of(args);
            assertTrue(r.isOneLineUserError(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void outputFilesHonourTheUmask(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("e.json");
        Path energies = Files.writeString(dir.resolve("e.txt"), "0 1 2\n");
        assertEquals(0, CliRun.of("ensemble", "--energies", energies.toString(), "--temperature", "1", "--out",
                out.toString()).code());
        Path plain = Files.createFile(dir.resolve("plain"));   // 0666 & ~umask
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }
}
