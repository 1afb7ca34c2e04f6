package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files, determinism, resume after a crash and after kill -9, and refusal of corrupt or foreign state. */
class GrokRunTest {
    /** A tiny model and schedule: runs in about a second. */
    static GrokConfig tiny(long seed) {
        return GrokConfig.preset("fast", 5, seed).withDModel(16).withHeads(2).withDMlp(32).withMaxSteps(60)
                .withEvalEvery(10).withCheckpointEvery(20).withProbeSize(25).withStopAfterGrok(-1).withLr(3e-3);
    }

    private static List<double[]> values(List<EvalRow> rows) {
        List<double[]> out = new ArrayList<>();
        for (EvalRow r : rows) out.add(r.values());
        return out;
    }

    @Test
    void writesContractFilesAndIsDeterministic(@TempDir Path dir) throws Exception {
        GrokConfig cfg = tiny(1);
        List<EvalRow> seen = new ArrayList<>();
        GrokSummary s = GrokRun.train(cfg, dir.resolve("a"), false, (c, r) -> seen.add(r));
        for (String f : new String[] {"config.json", "metrics.csv", "summary.json", "checkpoint.bin"}) {
            assertTrue(Files.exists(dir.resolve("a").resolve(f)), f);
        }
        List<String> lines = Files.readAllLines(dir.resolve("a/metrics.csv"));
        String header = lines.get(0);
        assertTrue(header.startsWith("step,epoch,trainLoss,trainAcc,valLoss,valAcc,cv,cvProxy"), header);
        assertTrue(header.contains("cv_L0H1") && header.contains("cvProxy_L0H1"), header);
        assertEquals(7 + 1, lines.size()); // steps 0, 10, ..., 60
        assertEquals(7, seen.size());
        var node = Json.mapper().readTree(dir.resolve("a/summary.json").toFile());
        for (String k : new String[] {"p", "seed", "preset", "groksAtStep", "cvPeakStep", "cvPeak", "leadSteps",
            "finalTrainAcc", "finalValAcc", "provenance"}) {
            assertTrue(node.has(k), k);
        }
        assertEquals(60, s.steps());
        assertTrue(s.finalTrainAcc() > 0.5, "the tiny model should fit its training set: " + s.finalTrainAcc());
        GrokRun.train(cfg, dir.resolve("b"), false, null);
        List<EvalRow> a = GrokRun.readMetrics(dir.resolve("a/metrics.csv"), 2);
        List<EvalRow> b = GrokRun.readMetrics(dir.resolve("b/metrics.csv"), 2);
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).values(), b.get(i).values(), "row " + i);
    }

    @Test
    void resumeAfterCrashEqualsUninterruptedRun(@TempDir Path dir) {
        GrokConfig cfg = tiny(2).withBatch(8); // minibatches: the batch order must be restored too
        GrokRun.train(cfg, dir.resolve("full"), false, null);
        RuntimeException crash = new IllegalStateException("simulated crash");
        assertThrows(IllegalStateException.class, () -> GrokRun.train(cfg, dir.resolve("cut"), false, (c, r) -> {
            if (r.step() == 50) throw crash; // after the checkpoint at step 40, rows at 50 are lost
        }));
        assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, dir.resolve("cut"), false, null));
        GrokRun.train(cfg, dir.resolve("cut"), true, null);
        List<EvalRow> full = GrokRun.readMetrics(dir.resolve("full/metrics.csv"), 2);
        List<EvalRow> cut = GrokRun.readMetrics(dir.resolve("cut/metrics.csv"), 2);
        assertEquals(full.size(), cut.size());
        for (int i = 0; i < full.size(); i++) assertArrayEquals(full.get(i).values(), cut.get(i).values(), "row " + i);
    }

    @Test
    void resumeAfterKillMinus9EqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        GrokConfig cfg = tiny(3).withMaxSteps(400).withEvalEvery(20).withCheckpointEvery(20);
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        Path cfgFile = dir.resolve("cfg.json");
        Files.writeString(cfgFile, cfg.toJson());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), GrokWorker.class.getName(), cfgFile.toString(), cut.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(cut.resolve("checkpoint.bin")) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        assertTrue(Files.exists(cut.resolve("checkpoint.bin")), "child wrote no checkpoint: " + Files.readString(dir.resolve("child.log")));
        Checkpoint left = Checkpoint.read(cut.resolve("checkpoint.bin"));
        assertTrue(!left.finished() && left.step() < cfg.maxSteps(), "the child was killed mid-run, at step " + left.step());
        GrokRun.train(cfg, cut, true, null);
        GrokRun.train(cfg, dir.resolve("full"), false, null);
        List<EvalRow> full = GrokRun.readMetrics(dir.resolve("full/metrics.csv"), 2);
        List<EvalRow> got = GrokRun.readMetrics(cut.resolve("metrics.csv"), 2);
        assertEquals(full.size(), got.size());
        for (int i = 0; i < full.size(); i++) assertArrayEquals(full.get(i).values(), got.get(i).values(), "row " + i);
    }

    @Test
    void corruptOrForeignStateIsRefusedAndKept(@TempDir Path dir) throws Exception {
        GrokConfig cfg = tiny(4).withMaxSteps(20);
        Path run = dir.resolve("run");
        GrokRun.train(cfg, run, false, null);
        byte[] config = Files.readAllBytes(run.resolve("config.json"));
        byte[] ck = Files.readAllBytes(run.resolve("checkpoint.bin"));
        // another run's directory
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GrokRun.train(cfg.withLr(5e-3), run, false, null));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg.withSeed(9), run, true, null));
        // corrupt checkpoint: one flipped byte in the payload
        byte[] bad = ck.clone();
        bad[bad.length / 2] ^= 0x40;
        Files.write(run.resolve("checkpoint.bin"), bad);
        Files.delete(run.resolve("summary.json"));
        e = assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, run, true, null));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        // truncated checkpoint
        Files.write(run.resolve("checkpoint.bin"), java.util.Arrays.copyOf(ck, ck.length - 9));
        assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, run, true, null));
        assertArrayEquals(config, Files.readAllBytes(run.resolve("config.json")));
    }
}
