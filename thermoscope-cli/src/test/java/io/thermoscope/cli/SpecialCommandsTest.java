package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The polylog and zeta commands: contract keys, closed-form values, CSV format, one-line errors with exit 2. */
class SpecialCommandsTest {

    @Test
    void polylogPointIsJsonWithProvenance() {
        CliRun r = CliRun.of("polylog", "--s", "2", "--z", "0.5");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(2.0, j.get("s").asDouble());
        assertEquals(0.5, j.get("z").asDouble());
        double ln2 = Math.log(2);
        // Li_2(1/2) = π²/12 − ln²2/2 (Euler)
        assertEquals(Math.PI * Math.PI / 12 - ln2 * ln2 / 2, j.get("value").asDouble(), 1e-15);
        assertTrue(j.get("provenance").has("commandLine"));
    }

    @Test
    void zetaRiemannAndHurwitz() {
        JsonNode r = CliRun.of("zeta", "--s", "2").json();
        assertEquals(Math.PI * Math.PI / 6, r.get("value").asDouble(), 1e-15);
        assertEquals(2.0, r.get("s").asDouble());
        JsonNode h = CliRun.of("zeta", "--s", "2", "--a", "0.5").json();
        assertEquals(Math.PI * Math.PI / 2, h.get("value").asDouble(), 1e-14); // ζ(2, 1/2) = 3ζ(2)
        assertEquals(0.5, h.get("a").asDouble());
        JsonNode n = CliRun.of("zeta", "--s", "-1").json();
        assertEquals(-1.0 / 12, n.get("value").asDouble(), 1e-16);
    }

    @Test
    void csvRoundTripsSeventeenDigits(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "s,z\n1,0.5\n\n-1, -0.25\n3,1\n");
        CliRun r = CliRun.of("polylog", "--csv", f.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals("s,z,value", lines[0]);
        assertEquals(4, lines.length);
        String[] a = lines[1].split(",");
        assertEquals(Math.log(2), Double.parseDouble(a[2]), 0); // Li_1(1/2) = ln 2
        assertEquals(17, a[2].replace(".", "").replaceFirst("^0+", "").replaceAll("e.*", "").length());
        assertEquals(-0.25 / (1.25 * 1.25), Double.parseDouble(lines[2].split(",")[2]), 1e-16); // Li_−1 = z/(1−z)²
        assertEquals(1.2020569031595942, Double.parseDouble(lines[3].split(",")[2]), 1e-15); // ζ(3)
    }

    @Test
    void badInputIsOneLineExitTwo(@TempDir Path dir) throws Exception {
        String[][] cases = {{"polylog", "--s", "NaN", "--z", "0.5"}, {"polylog", "--s", "2", "--z", "1.5"},
                {"polylog", "--s", "1", "--z", "1"}, {"polylog", "--s", "0.5", "--z", "1"},
                {"polylog", "--s", "2", "--z", "NaN"}, {"polylog", "--s", "2"}, {"zeta", "--s", "1"},
                {"zeta", "--s", "NaN"}, {"zeta", "--s", "2", "--a", "0"}, {"zeta", "--s", "2", "--a", "-1"},
                {"zeta", "--s", "x"}, {"polylog", "--csv", dir.resolve("missing.csv").toString()}};
        for (String[] c : cases) {
            CliRun r = CliRun.of(c);
            assertTrue(r.isOneLineUserError(), String.join(" ", c) + " -> " + r.code() + " " + r.err());
        }
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "s,z\n2,0.5\n2,abc\n");
        CliRun r = CliRun.of("polylog", "--csv", f.toString());
        assertTrue(r.isOneLineUserError(), r.err());
        assertTrue(r.err().contains("line 3"), r.err());
        assertEquals("", r.out());
        Files.writeString(f, "s,z\n2,0.5\n0.5,1\n");
        CliRun pole = CliRun.of("polylog", "--csv", f.toString());
        assertTrue(pole.isOneLineUserError() && pole.err().contains("line 3"), pole.err());
        Files.writeString(f, "a,b\n2,0.5\n");
        assertTrue(CliRun.of("polylog", "--csv", f.toString()).isOneLineUserError());
        Files.writeString(f, "s,z\n2,0.5,7\n");
        assertTrue(CliRun.of("polylog", "--csv", f.toString()).err().contains("line 2"));
    }
}
