package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EosFitCommandTest {
    @Test
    void fitsAVanDerWaalsCsv(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("V,P\n");
        for (int i = 1; i <= 25; i++) {
            double v = i;
            sb.append(v).append(',').append(3.0 / (v - 0.4) - 1.5 / (v * v)).append('\n');
        }
        Path csv = dir.resolve("pv.csv");
        Files.writeString(csv, sb.toString());
        var r = DynamicsCommandTest.run("eos-fit", "--csv", csv.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals("vanDerWaals", j.get("preferredByBic").asText());
        assertEquals("POINT", j.get("form").asText());
        JsonNode ps = j.get("vanDerWaals").get("parameters");
        assertEquals(1.5, ps.get(0).get("value").asDouble(), 1e-8);
        assertEquals(0.4, ps.get(1).get("value").asDouble(), 1e-8);
        assertEquals(3.0, ps.get(2).get("value").asDouble(), 1e-8);
        assertTrue(j.has("provenance"));
    }

    @Test
    void readsTheFirstLawOutput(@TempDir Path dir) throws Exception {
        // end to end: first-law --csv → eos-fit --csv
        Path e = dir.resolve("rows.txt");
        StringBuilder sb = new StringBuilder();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int q = 0; q < 4; q++) {
            for (int k = 0; k < 30; k++) sb.append(rnd.nextGaussian()).append(k < 29 ? " " : "\n");
        }
        Files.writeString(e, sb.toString());
        Path csv = dir.resolve("pv.csv");
        var fl = DynamicsCommandTest.run("first-law", "--energies", e.toString(), "--temperature", "2", "--csv", csv.toString(),
                "--out", dir.resolve("fl.json").toString());
        assertEquals(0, fl.status(), fl.err());
        var r = DynamicsCommandTest.run("eos-fit", "--csv", csv.toString(), "--nkt", "2");
        assertEquals(0, r.status(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(1, j.get("skippedRows").asInt());
        assertEquals("INTERVAL", j.get("form").asText());
        assertEquals(29, j.get("n").asInt());
        assertTrue(j.get("verdict").asText().length() > 0);
    }

    @Test
    void badInput(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("pv.csv");
        Files.writeString(csv, "V,P\n1,2\n2,1\n3,0.7\n");
        for (String[] args : new String[][] {{"eos-fit", "--csv", csv.toString()},
                {"eos-fit", "--csv", dir.resolve("none.csv").toString()},
                {"eos-fit", "--csv", csv.toString(), "--nkt", "-1"},
                {"eos-fit", "--csv", csv.toString(), "--nkt", "NaN"}}) {
            var r = DynamicsCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
