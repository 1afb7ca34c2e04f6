package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermoscope.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code thermoscope grok} contract: files and keys, overrides, one-line errors (bad values, gate and window out
 * of range, another run's directory, a damaged checkpoint, divergence, a directory in use) that leave earlier runs
 * intact and nothing behind; the batched sweep with its verdicts.
 */
class GrokCommandTest {
    private static final String[] TINY = {"--preset", "fast", "--d-model", "16", "--heads", "2", "--d-mlp", "32",
        "--max-steps", "30", "--eval-every", "10", "--probe-size", "25", "--lr", "3e-3", "--train-fraction", "0.6"};

    /** grok with the tiny settings, each overridden by an option of the same name in {@code extra}. */
    private static String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("grok"));
        List<String> given = List.of(extra);
        for (int i = 0; i < TINY.length; i += 2) {
            if (!given.contains(TINY[i])) a.addAll(List.of(TINY[i], TINY[i + 1]));
        }
        a.addAll(given);
        return a.toArray(String[]::new);
    }

    @Test
    void runWritesContractFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of(args("--p", "5", "--seed", "2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
        for (String k : new String[] {"p", "operands", "seed", "preset", "keys", "cvBound", "analysis", "gate", "window",
            "finalTrainAcc", "finalValAcc", "provenance"}) {
            assertTrue(s.has(k), k);
        }
        assertEquals(5, s.get("p").asInt());
        assertEquals(2, s.get("seed").asInt());
        assertEquals("fast", s.get("preset").asText());
        assertTrue(s.get("analysis").has("outcome"), s.toString());
        JsonNode c = Json.mapper().readTree(out.resolve("config.json").toFile());
        assertEquals(16, c.get("model").get("dModel").asInt());
        assertEquals(3e-3, c.get("optimiser").get("lr").asDouble());
        assertTrue(c.get("provenance").get("commandLine").toString().contains("grok"));
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(lines.get(0).startsWith("step,epoch,trainLoss,trainAcc,valLoss,valAcc,cvAnswer,cvMean,cvProxy,"), lines.get(0));
        assertTrue(lines.get(0).contains(",tEff,weightNorm,") && lines.get(0).contains(",cvAnswer_L0H1,"), lines.get(0));
        assertEquals(5, lines.size());
        assertTrue(r.out().contains("p=5 k=2 seed=2") && r.out().contains("Eq. 28 bound for 3 keys"), r.out());
        assertTrue(r.err().contains("grok p=5 seed=2: done"), r.err());
        assertFalse(Files.exists(out.resolve(".thermoscope.lock")), "the directory lock is released");
    }

    @Test
    void helpRendersCleanly() {
        for (String[] a : new String[][] {{"grok", "--help"}, {"grok", "sweep", "--help"}}) {
            CliRun r = CliRun.of(a);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Example"), r.out());
            assertTrue(!r.err().contains("WARN") && !r.out().contains("WARN"), r.err() + r.out());
            assertTrue(r.out().lines().allMatch(l -> l.length() <= 100), r.out());
        }
    }

    @Test
    void printConfigShowsThePresetWithOverrides() {
        CliRun r = CliRun.of("grok", "--preset", "paper", "--p", "97", "--wd", "0.3", "--operands", "3", "--print-config");
        assertEquals(0, r.code(), r.err());
        JsonNode c = r.json();
        assertEquals(2, c.get("model").get("layers").asInt());
        assertEquals(3e-4, c.get("optimiser").get("lr").asDouble());
        assertEquals(0.3, c.get("optimiser").get("weightDecay").asDouble());
        assertEquals(512, c.get("schedule").get("batch").asInt());
        assertEquals(100_000, c.get("schedule").get("maxSteps").asInt());
        assertEquals(3, c.get("task").get("operands").asInt());
    }

    @Test
    void badInputIsOneLineExit2(@TempDir Path dir) {
        String out = dir.resolve("x").toString();
        for (String[] bad : new String[][] {{"--p", "1"}, {"--p", "abc"}, {"--p", "2.5"}, {"--p", "7", "--train-fraction", "1.5"},
            {"--p", "7", "--train-fraction", "0"}, {"--p", "7", "--lr", "0"}, {"--p", "7", "--lr", "-1e-3"},
            {"--p", "7", "--preset", "nope"}, {"--p", "7", "--operands", "1"}, {"--p", "7", "--operands", "9"},
            {"--p", "7", "--gate-factor", "-1"}, {"--p", "7", "--gate-generalised", "0.2"}, {"--p", "7", "--gate-min-delay", "-5"},
            {"--p", "7", "--window-smooth", "4"}, {"--p", "7", "--window-transient", "0.7"}, {"--p", "7", "--window-prominence", "-1"},
            {"--p", "7", "--threads", "0"}, {"--p", "7", "--init-scale", "0"}}) {
            List<String> a = new ArrayList<>(List.of(args(bad)));
            a.add("--out");
            a.add(out);
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertTrue(r.isOneLineUserError(), String.join(" ", bad) + " -> " + r.code() + " " + r.err());
        }
        for (String[] bad : new String[][] {{"--seeds", "0"}, {"--batch-runs", "-1"}, {"--parallel", "0"}, {"--k", "1,2"}}) {
            List<String> a = new ArrayList<>(List.of("grok", "sweep"));
            a.addAll(List.of(TINY));
            a.addAll(List.of("--p", "5", "--out", out));
            a.addAll(List.of(bad));
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertTrue(r.isOneLineUserError(), String.join(" ", bad) + " -> " + r.code() + " " + r.err());
        }
        assertFalse(Files.exists(dir.resolve("x")), "nothing is written for bad input");
    }

    @Test
    void divergenceIsExit2AndLeavesNothingBehind(@TempDir Path dir) {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of(args("--p", "5", "--lr", "1e30", "--out", out.toString()));
        assertTrue(r.isOneLineUserError(), r.err());
        assertTrue(r.err().contains("diverged"), r.err());
        assertFalse(Files.exists(out), "nothing left behind: " + out);
        assertEquals(0, CliRun.of(args("--p", "5", "--out", out.toString())).code(), "the corrected rerun is not blocked");
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
    void aSecondGrokOnTheSameDirectoryGetsOneErrorLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args("--p", "5", "--max-steps", "100000", "--out", out.toString())));
        Process first = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(out.resolve("config.json")) && first.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(first.isAlive(), Files.readString(dir.resolve("first.log")));
            CliRun second = CliRun.of(args("--p", "5", "--max-steps", "100000", "--resume", "--out", out.toString()));
            assertTrue(second.isOneLineUserError(), second.err());
            assertTrue(second.err().contains("in use"), second.err());
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
    }

    @Test
    void sweepBatchesWritesAnalysisFiguresVerdictsAndSkipsFinishedRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        List<String> a = new ArrayList<>(List.of("grok", "sweep"));
        a.addAll(List.of(TINY));
        a.addAll(List.of("--p", "5,7", "--seeds", "2", "--out", out.toString()));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"analysis.json", "fig4.svg", "fig4.png", "fig4.csv", "fig4_proxy.svg", "sweep.json",
            "p5/checkpoint-seeds0-1.bin", "p5/seed0/summary.json", "p7/seed1/metrics.csv"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("p5/seed0/checkpoint.bin")), "the seeds of one p train as one batch");
        JsonNode an = Json.mapper().readTree(out.resolve("analysis.json").toFile());
        assertEquals(4, an.get("runs").size());
        assertTrue(r.out().contains("Fig. 3 (C_v peaks before grokking): inconclusive"), r.out());
        assertTrue(r.out().contains("C_v^max bounded in p: inconclusive"), r.out());
        assertEquals(3, Files.readAllLines(out.resolve("fig4.csv")).size());
        long before = Files.getLastModifiedTime(out.resolve("p5/seed0/metrics.csv")).toMillis();
        CliRun again = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("p5/seed0/metrics.csv")).toMillis());
    }
}
