package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code thermoscope grok} contract: files and keys, overrides, one-line errors that leave earlier runs intact. */
class GrokCommandTest {
    private static final String[] TINY = {"--preset", "fast", "--d-model", "16", "--heads", "2", "--d-mlp", "32",
        "--max-steps", "30", "--eval-every", "10", "--probe-size", "25", "--lr", "3e-3"};

    private static String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("grok"));
        a.addAll(List.of(TINY));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void runWritesContractFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of(args("--p", "5", "--seed", "2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
        for (String k : new String[] {"p", "seed", "preset", "groksAtStep", "cvPeakStep", "cvPeak", "leadSteps",
            "finalTrainAcc", "finalValAcc", "provenance"}) {
            assertTrue(s.has(k), k);
        }
        assertEquals(5, s.get("p").asInt());
        assertEquals(2, s.get("seed").asInt());
        assertEquals("fast", s.get("preset").asText());
        JsonNode c = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertEquals(16, c.get("dModel").asInt());
        assertEquals(3e-3, c.get("lr").asDouble());
        assertTrue(c.get("provenance").get("commandLine").toString().contains("grok"));
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(lines.get(0).startsWith("step,epoch,trainLoss,trainAcc,valLoss,valAcc,cv,cvProxy,"), lines.get(0));
        assertTrue(lines.get(0).contains(",cv_L0H0,cv_L0H1,") && lines.get(0).contains(",cvProxy_L0H1,"), lines.get(0));
        assertEquals(5, lines.size());
        assertTrue(r.out().contains("p=5 seed=2"), r.out());
        assertTrue(r.err().contains("grok p=5 seed=2: done"), r.err());
    }

    @Test
    void helpRendersCleanly() {
        for (String[] a : new String[][] {{"grok", "--help"}, {"grok", "sweep", "--help"}}) {
            CliRun r = CliRun.of(a);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Example"), r.out());
            assertTrue(!r.err().contains("WARN") && !r.out().contains("WARN"), r.err() + r.out());
        }
    }

    @Test
    void printConfigShowsThePresetWithOverrides() throws Exception {
        CliRun r = CliRun.of("grok", "--preset", "paper", "--p", "97", "--wd", "0.3", "--print-config");
        assertEquals(0, r.code(), r.err());
        JsonNode c = r.json();
        assertEquals(2, c.get("layers").asInt());
        assertEquals(3e-4, c.get("lr").asDouble());
        assertEquals(0.3, c.get("weightDecay").asDouble());
        assertEquals(512, c.get("batch").asInt());
    }

    @Test
    void badInputIsOneLineExit2(@TempDir Path dir) {
        String out = dir.resolve("x").toString();
        for (String[] bad : new String[][] {{"--p", "1"}, {"--p", "abc"}, {"--p", "2.5"}, {"--p", "7", "--train-fraction", "1.5"},
            {"--p", "7", "--train-fraction", "0"}, {"--p", "7", "--lr", "0"}, {"--p", "7", "--lr", "-1e-3"},
            {"--p", "7", "--preset", "nope"}}) {
            List<String> a = new ArrayList<>(List.of(args(bad)));
            a.add("--out");
            a.add(out);
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertTrue(r.isOneLineUserError(), String.join(" ", bad) + " -> " + r.code() + " " + r.err());
        }
        assertTrue(!Files.exists(dir.resolve("x")), "nothing is written for bad input");
    }

    @Test
    void anotherRunsDirectoryAndCorruptCheckpointAreRefusedAndKept(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, CliRun.of(args("--p", "5", "--out", out.toString())).code());
        byte[] config = Files.readAllBytes(out.resolve("config.json"));
        byte[] metrics = Files.readAllBytes(out.resolve("metrics.csv"));
        CliRun other = CliRun.of(args("--p", "7", "--out", out.toString()));
        assertTrue(other.isOneLineUserError(), other.err());
        assertTrue(other.err().contains("another run"), other.err());
        CliRun again = CliRun.of(args("--p", "5", "--out", out.toString()));
        assertTrue(again.isOneLineUserError(), again.err());
        byte[] ck = Files.readAllBytes(out.resolve("checkpoint.bin"));
        ck[ck.length / 3] ^= 1;
        Files.write(out.resolve("checkpoint.bin"), ck);
        Files.delete(out.resolve("summary.json"));
        CliRun corrupt = CliRun.of(args("--p", "5", "--resume", "--out", out.toString()));
        assertTrue(corrupt.isOneLineUserError(), corrupt.err());
        assertTrue(corrupt.err().contains("corrupt"), corrupt.err());
        assertArrayEquals(config, Files.readAllBytes(out.resolve("config.json")));
        assertArrayEquals(metrics, Files.readAllBytes(out.resolve("metrics.csv")));
        assertArrayEquals(ck, Files.readAllBytes(out.resolve("checkpoint.bin")));
    }

    @Test
    void sweepWritesAnalysisAndFiguresAndSkipsFinishedRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        List<String> a = new ArrayList<>(List.of("grok", "sweep"));
        a.addAll(List.of(TINY));
        a.addAll(List.of("--p", "5,7", "--seeds", "2", "--out", out.toString()));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"analysis.json", "fig4.svg", "fig4.png", "fig4_points.csv", "fig4_means.csv",
            "fig3_p5.svg", "fig3_p5.png", "fig3_p5.csv", "fig3_p7.svg", "p5/seed0/summary.json", "p7/seed1/metrics.csv"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        JsonNode an = Json.mapper().readTree(out.resolve("analysis.json").toFile());
        assertEquals(4, an.get("n").asInt());
        assertTrue(an.get("verdict").asText().startsWith("insufficient data"), an.get("verdict").asText());
        assertEquals(5, Files.readAllLines(out.resolve("fig4_points.csv")).size());
        long before = Files.getLastModifiedTime(out.resolve("p5/seed0/metrics.csv")).toMillis();
        CliRun again = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("p5/seed0/metrics.csv")).toMillis());
    }
}
