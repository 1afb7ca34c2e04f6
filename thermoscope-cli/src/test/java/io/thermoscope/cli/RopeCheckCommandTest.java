package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RopeCheckCommandTest {
    @Test
    void passesAndWritesJsonAndFigures(@TempDir Path dir) throws Exception {
        var r = DynamicsCommandTest.run("rope-check", "--dim", "32", "--tokens", "16", "--alpha", "-0.5", "--beta", "0.4",
                "--v", "1.5", "--out", dir.toString());
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("PASSED"), r.out());
        JsonNode j = Json.mapper().readTree(dir.resolve("rope-check.json").toFile());
        assertTrue(j.get("passed").asBoolean());
        assertEquals(1.6, j.get("higgsCurvatureClosedForm").asDouble(), 1e-15);
        assertEquals(1.5 * Math.exp(-(-0.5 + 0.4) / 0.8), j.get("vacuumRadius").asDouble(), 1e-14);
        assertEquals(0, j.get("provenance").get("seed").asLong());
        for (String f : List.of("mexican-hat-profile.svg", "mexican-hat-profile.png", "mexican-hat-plane.svg", "mexican-hat-plane.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) {
        String[][] bad = {{"--dim", "7"}, {"--dim", "0"}, {"--base", "0"}, {"--base", "NaN"}, {"--beta", "0"},
                {"--beta", "-1"}, {"--v", "0"}, {"--alpha", "Infinity"}, {"--tokens", "1"}, {"--max-position", "0"}};
        for (String[] b : bad) {
            String[] args = new String[b.length + 3];
            args[0] = "rope-check";
            System.arraycopy(b, 0, args, 1, b.length);
            args[b.length + 1] = "--out";
            args[b.length + 2] = dir.toString();
            var r = DynamicsCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    /** The cases: positions up to 2^31 − 1 run (tolerance widened by the angles' rounding); what needs
     * 100 GB or puts the vacuum outside the double range is refused up front, in one line, writing nothing. */
    @Test
    void extremeParametersRunOrAreRefusedUpFront(@TempDir Path dir) throws Exception {
        var big = DynamicsCommandTest.run("rope-check", "--max-position", "2147483647", "--tokens", "8", "--dim", "8",
                "--out", dir.resolve("big").toString());
        assertEquals(0, big.status(), big.err());
        JsonNode j = Json.mapper().readTree(dir.resolve("big/rope-check.json").toFile());
        assertTrue(j.get("passed").asBoolean(), j.toString());
        assertTrue(j.get("dotTolerance").asDouble() > 1e-6, "widened for angles ~2e9 rad");
        String[][] refused = {
                {"--dim", "100000000"},        // 64 tokens × 1e8 × 2 doubles ≈ 100 GB
                {"--tokens", "2000000000"},    // tokens² energies
                {"--alpha", "1e308"},          // vacuum at |Phi| = e^(−5e307)
                {"--alpha", "-1e308"},         // … or e^(+5e307)
                {"--beta", "1e-320"},
        };
        for (String[] b : refused) {
            Path out = dir.resolve("refused");
            String[] args = new String[b.length + 3];
            args[0] = "rope-check";
            System.arraycopy(b, 0, args, 1, b.length);
            args[b.length + 1] = "--out";
            args[b.length + 2] = out.toString();
            long t0 = System.nanoTime();
            var r = DynamicsCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", b) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().matches("(?s)error: .*(GB of memory|years|hours|days|the Hessian check needs).*"), r.err());
            assertTrue(Files.notExists(out), "nothing written for " + String.join(" ", b));
        }
    }
}
