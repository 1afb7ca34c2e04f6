package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import io.thermoscope.langevin.CwPotential;
import io.thermoscope.langevin.FieldKind;
import io.thermoscope.langevin.LangevinConfig;
import io.thermoscope.langevin.ProgressListener;
import io.thermoscope.langevin.SweepProtocol;
import io.thermoscope.langevin.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code thermoscope langevin} contract: files, keys, values equal to the library's, one-line errors. */
class LangevinCommandTest {
    private static final String[] SMALL = {"--walkers", "3000", "--t-end", "1", "--burn-in", "0.2", "--levels", "4",
        "--equilibration", "0.2", "--measure", "0.1", "--rows", "20", "--seed", "5"};

    private static String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("langevin"));
        a.addAll(List.of(SMALL));
        a.addAll(List.of(extra));
        a.add("--out");
        a.add(out.toString());
        return a.toArray(String[]::new);
    }

    private static List<String[]> csv(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(","));
        }
        return rows;
    }

    @Test
    void bothProtocolsWriteTheContractFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of(args(out, "--protocol", "both", "--threads", "2", "--hold", "0"));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"timeseries.csv", "summary.json", "langevin.svg", "langevin.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String[]> rows = csv(out.resolve("timeseries.csv"));
        List<String> header = List.of(rows.get(0));
        for (String c : new String[] {"protocol", "t", "alpha", "meanV", "varV", "cv", "meanAbsPhi", "cvEquilibrium"}) {
            assertTrue(header.contains(c), c);
        }
        long sweepRows = rows.stream().skip(1).filter(x -> x[0].equals("sweep")).count();
        long quasiRows = rows.stream().skip(1).filter(x -> x[0].equals("quasistatic")).count();
        assertEquals(21, sweepRows); // 100 steps, stride 5: steps 0, 5, …, 100
        assertEquals(4, quasiRows);
        JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("both", s.get("protocol").asText());
        assertEquals(2, s.get("protocols").size());
        for (JsonNode p : s.get("protocols")) {
            for (String k : new String[] {"protocol", "peakT", "peakAlpha", "peakCv", "prominence", "peakFound"}) {
                assertTrue(p.has(k), k);
            }
        }
        assertTrue(s.get("provenance").has("commandLine"));
        assertEquals(5, s.get("provenance").get("seed").asLong());
        assertTrue(r.out().contains("sweep"), r.out());
    }

    @Test
    void sweepCsvHoldsTheLibrarysNumbers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of(args(out, "--protocol", "sweep", "--field", "complex", "--noise", "0.2",
                "--alpha-from", "0.5", "--alpha-to", "-1", "--threads", "1", "--hold", "0.5"));
        assertEquals(0, r.code(), r.err());
        var cfg = new LangevinConfig(FieldKind.COMPLEX, new CwPotential(1, 1), 0.2, 0.01, 3000, 5, 2);
        // 150 steps (sweep 1 + hold 0.5) in about 20 rows: stride 8
        Trajectory tr = new SweepProtocol(0.5, -1, 1, 0.2, 8, 0.5).run(cfg, ProgressListener.NONE);
        List<String[]> rows = csv(out.resolve("timeseries.csv"));
        List<String> header = List.of(rows.get(0));
        int cv = header.indexOf("cv");
        int alpha = header.indexOf("alpha");
        assertEquals(tr.size() + 1, rows.size());
        for (int i = 0; i < tr.size(); i++) {
            assertEquals(tr.cv()[i], Double.parseDouble(rows.get(i + 1)[cv]), 0.0);
            assertEquals(tr.alpha()[i], Double.parseDouble(rows.get(i + 1)[alpha]), 1e-15);
        }
        assertEquals(-1.0, Double.parseDouble(rows.get(rows.size() - 1)[alpha]), 0.0); // held at A1
        assertEquals(1.5, Double.parseDouble(rows.get(rows.size() - 1)[header.indexOf("t")]), 1e-12);
        JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("sweep", s.get("protocol").asText());
        assertTrue(s.has("peakCv")); // single protocol: fields also at the top level
        assertEquals(1, s.get("protocols").size());
    }

    @Test
    void badInputIsOneLineExitTwo(@TempDir Path dir) {
        String[][] cases = {{"--dt", "0"}, {"--dt", "-0.01"}, {"--dt", "NaN"}, {"--noise", "Infinity"},
            {"--noise", "0"}, {"--beta", "-1"}, {"--v", "0"}, {"--v", "-2"}, {"--walkers", "1"},
            {"--alpha-from", "NaN"}, {"--alpha-to", "-Infinity"}, {"--field", "quaternion"}, {"--t-end", "0"},
            {"--threads", "0"}, {"--beta", "NaN"}, {"--hold", "-1"}, {"--smooth", "4"}};
        for (String[] c : cases) {
            Path out = dir.resolve("bad" + c[0] + c[1]);
            CliRun r = CliRun.of(args(out, c));
            assertTrue(r.isOneLineUserError(), String.join(" ", c) + " -> " + r.code() + " " + r.err());
            assertFalse(Files.exists(out.resolve("summary.json")), String.join(" ", c));
        }
    }
}
