package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicsCommandTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int rc = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(rc, o.toString(), e.toString());
    }

    @Test
    void writesTrajectorySummaryAndFigures(@TempDir Path dir) throws Exception {
        Path energies = dir.resolve("e.txt");
        Files.writeString(energies, "0.3, 1.7, -0.5\n2.2 0.9\n");
        Path out = dir.resolve("out");
        Run r = run("dynamics", "--energies", energies.toString(), "--temperature", "1", "--damping", "4",
                "--t-end", "60", "--dt", "0.5", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("t,rho_0,rho_1,rho_2,rho_3,rho_4,F,S,kinetic,energy,distance", lines.get(0));
        assertEquals(1 + 121, lines.size());
        String[] lastRow = lines.get(lines.size() - 1).split(",");
        assertEquals(60.0, Double.parseDouble(lastRow[0]), 1e-12);
        double sum = 0;
        for (int i = 1; i <= 5; i++) sum += Double.parseDouble(lastRow[i]);
        assertEquals(1.0, sum, 1e-10);
        JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(s.has("provenance"));
        assertTrue(s.get("finalDistance").asDouble() < 1e-4, "relaxes towards softmax");
        assertEquals(s.get("equilibriumFreeEnergy").asDouble(), s.get("finalFreeEnergy").asDouble(), 1e-6);
        for (String f : List.of("dynamics-rho.svg", "dynamics-rho.png", "dynamics-energy.svg", "dynamics-energy.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void readsAnInitialDistribution(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("e.txt"), "0 1 2");
        Files.writeString(dir.resolve("rho0.txt"), "0.2 0.3 0.5");
        Run r = run("dynamics", "--energies", dir.resolve("e.txt").toString(), "-T", "0.5", "--initial",
                dir.resolve("rho0.txt").toString(), "--t-end", "5", "--out", dir.resolve("o").toString());
        assertEquals(0, r.status(), r.err());
        String first = Files.readAllLines(dir.resolve("o/trajectory.csv")).get(1);
        assertTrue(first.startsWith("0.0"), first);
        assertEquals(0.2, Double.parseDouble(first.split(",")[1]), 1e-15);
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path e = dir.resolve("e.txt");
        Files.writeString(e, "0 1 2");
        String o = dir.resolve("o").toString();
        String[][] bad = {
                {"--temperature", "0"}, {"--temperature", "-1"}, {"--temperature", "NaN"},
                {"-T", "1", "--mass", "0"}, {"-T", "1", "--mass", "-2"}, {"-T", "1", "--mass", "Infinity"},
                {"-T", "1", "--damping", "-0.1"}, {"-T", "1", "--damping", "NaN"},
                {"-T", "1", "--t-end", "0"}, {"-T", "1", "--t-end", "-3"}, {"-T", "1", "--dt", "0"}, {"-T", "1", "--dt", "-1"},
                {"-T", "1", "--initial", "nonexistent-file.txt"},
        };
        for (String[] b : bad) {
            String[] args = new String[b.length + 5];
            args[0] = "dynamics";
            args[1] = "--energies";
            args[2] = e.toString();
            System.arraycopy(b, 0, args, 3, b.length);
            args[b.length + 3] = "--out";
            args[b.length + 4] = o;
            Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
