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

import static io.thermoscope.train.TinyRuns.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files, bitwise determinism (also beside CPU hogs), resume after a crash and after kill -9, and refusal of corrupt,
 * foreign or ill-fitting state, of divergent training and of ill-formed batches — without touching what is there.
 */
class GrokRunTest {

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
        assertTrue(header.startsWith("step,epoch,trainLoss,trainAcc,valLoss,valAcc,cvAnswer,cvMean,cvProxy,U,S,F,nEff,tEff,weightNorm"), header);
        assertTrue(header.contains("cvAnswer_L0H1") && header.contains("tEff_L0H1"), header);
        assertEquals(7 + 1, lines.size()); // steps 0, 10, ..., 60
        assertEquals(7, seen.size());
        var node = Json.mapper().readTree(dir.resolve("a/summary.json").toFile());
        for (String k : new String[] {"p", "seed", "preset", "keys", "cvBound", "analysis", "gate", "window", "finalTrainAcc",
            "finalValAcc", "provenance"}) {
            assertTrue(node.has(k), k);
        }
        var config = Json.mapper().readTree(dir.resolve("a/config.json").toFile());
        assertEquals(3, config.get("derived").get("answerKeys").asInt(), config.toString());
        assertEquals(60, s.steps());
        assertTrue(s.finalTrainAcc() > 0.5, "the tiny model should fit its training set: " + s.finalTrainAcc());
        GrokRun.train(cfg, dir.resolve("b"), false, null);
        for (String f : new String[] {"metrics.csv", "checkpoint.bin"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void bitwiseIdenticalBesideCpuHogs(@TempDir Path dir) throws Exception {
        GrokConfig cfg = tiny(5).toBuilder().maxSteps(400).evalEvery(50).checkpointEvery(0).dModel(32).heads(4).dMlp(64).p(11).build();
        GrokRun.train(cfg, dir.resolve("quiet"), false, null);
        List<Thread> hogs = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
            Thread t = new Thread(() -> {
                double x = 1;
                while (!Thread.currentThread().isInterrupted()) x = Math.sin(x) + 1;
            });
            t.setDaemon(true);
            t.start();
            hogs.add(t);
        }
        try {
            GrokRun.train(cfg, dir.resolve("loaded"), false, null);
        } finally {
            for (Thread t : hogs) t.interrupt();
        }
        for (String f : new String[] {"metrics.csv", "checkpoint.bin"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("quiet").resolve(f)), Files.readAllBytes(dir.resolve("loaded").resolve(f)), f);
        }
    }

    @Test
    void resumeAfterCrashEqualsUninterruptedRun(@TempDir Path dir) {
        GrokConfig cfg = tiny(2).toBuilder().batch(8).build(); // minibatches: the batch order must be restored too
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
        GrokConfig cfg = tiny(3).toBuilder().maxSteps(400).evalEvery(20).checkpointEvery(20).build();
        Path cut = dir.resolve("cut");
        Path job = dir.resolve("job.json");
        Files.writeString(job, Json.toJson(GrokWorker.Job.of(BatchRun.Batch.single(cfg, cut), GrokGate.DEFAULT, PlateauWindow.DEFAULT)));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), GrokWorker.class.getName(), job.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(cut.resolve("checkpoint.bin")) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        assertTrue(Files.exists(cut.resolve("checkpoint.bin")), "child wrote no checkpoint: " + Files.readString(dir.resolve("child.log")));
        Checkpoint left = Checkpoint.read(cut.resolve("checkpoint.bin"));
        assertTrue(!left.runs().get(0).finished() && left.step() < cfg.schedule().maxSteps(), "killed mid-run, at step " + left.step());
        GrokRun.train(cfg, cut, true, null);
        GrokRun.train(cfg, dir.resolve("full"), false, null);
        assertArrayEquals(Files.readAllBytes(dir.resolve("full/metrics.csv")), Files.readAllBytes(cut.resolve("metrics.csv")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("full/checkpoint.bin")), Files.readAllBytes(cut.resolve("checkpoint.bin")));
    }

    @Test
    void corruptForeignOrIllFittingStateIsRefusedAndKept(@TempDir Path dir) throws Exception {
        GrokConfig cfg = tiny(4).toBuilder().maxSteps(20).build();
        Path run = dir.resolve("run");
        GrokRun.train(cfg, run, false, null);
        Files.delete(run.resolve("summary.json"));
        byte[] config = Files.readAllBytes(run.resolve("config.json"));
        byte[] ck = Files.readAllBytes(run.resolve("checkpoint.bin"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GrokRun.train(cfg.toBuilder().lr(5e-3).build(), run, false, null));
        assertTrue(e.getMessage().contains("another run"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg.withSeed(9), run, true, null));
        Checkpoint good = Checkpoint.read(run.resolve("checkpoint.bin"));
        // CRC-valid checkpoints whose content does not fit: another shape, NaN weights, a step beyond the budget
        Checkpoint wrongShape = new Checkpoint(good.metadataJson(), good.step(), good.adamSteps(),
                ParameterLayout.of(1, 8, BatchedTransformer.shapes(cfg.toBuilder().dModel(8).build())), good.params(), good.m(),
                good.v(), good.runs());
        float[] nan = good.params().clone();
        nan[3] = Float.NaN;
        Checkpoint nanWeights = new Checkpoint(good.metadataJson(), good.step(), good.adamSteps(), good.layout(), nan, good.m(),
                good.v(), good.runs());
        Checkpoint farStep = new Checkpoint(good.metadataJson(), 9999, 9999, good.layout(), good.params(), good.m(), good.v(),
                good.runs());
        for (Checkpoint bad : List.of(wrongShape, farStep)) {
            bad.write(run.resolve("checkpoint.bin"));
            byte[] written = Files.readAllBytes(run.resolve("checkpoint.bin"));
            e = assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, run, true, null));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertArrayEquals(written, Files.readAllBytes(run.resolve("checkpoint.bin")), "a refused checkpoint is never overwritten");
        }
        assertThrows(IllegalStateException.class, () -> nanWeights.write(run.resolve("nan.bin")), "NaN weights are never written");
        byte[] raw = nanCheckpointBytes(ck);
        Files.write(run.resolve("checkpoint.bin"), raw);
        e = assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, run, true, null));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertArrayEquals(raw, Files.readAllBytes(run.resolve("checkpoint.bin")));
        // corrupt: one flipped byte; truncated
        byte[] flipped = ck.clone();
        flipped[flipped.length / 2] ^= 0x40;
        Files.write(run.resolve("checkpoint.bin"), flipped);
        e = assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, run, true, null));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(flipped, Files.readAllBytes(run.resolve("checkpoint.bin")));
        Files.write(run.resolve("checkpoint.bin"), java.util.Arrays.copyOf(ck, ck.length - 9));
        assertThrows(InvalidInputException.class, () -> GrokRun.train(cfg, run, true, null));
        assertArrayEquals(config, Files.readAllBytes(run.resolve("config.json")));
    }

    /** The checkpoint {@code ck} with its first weight set to NaN and the CRC recomputed (a valid file, bad content). */
    private static byte[] nanCheckpointBytes(byte[] ck) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(ck.clone());
        int len = b.getInt(12);
        // the first weight's bytes (big-endian, as written) are found by value and replaced by a NaN
        Checkpoint c = Checkpoint.read(writeTemp(ck));
        float target = c.params()[0];
        int bits = Float.floatToIntBits(target);
        for (int i = 16; i + 4 <= 16 + len; i++) {
            if (b.getInt(i) == bits) {
                b.putInt(i, Float.floatToIntBits(Float.NaN));
                break;
            }
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 16, len);
        b.putLong(16 + len, crc.getValue());
        return b.array();
    }

    private static Path writeTemp(byte[] bytes) {
        try {
            Path f = Files.createTempFile("ck", ".bin");
            Files.write(f, bytes);
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void divergentTrainingIsAnErrorThatLeavesNothingBehind(@TempDir Path dir) {
        GrokConfig bad = tiny(6).toBuilder().lr(1e30).build();
        Path run = dir.resolve("run");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GrokRun.train(bad, run, false, null));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertFalse(Files.exists(run), "nothing may be left behind");
        GrokRun.train(tiny(6), run, false, null); // the corrected rerun is not blocked
        assertTrue(Files.exists(run.resolve("summary.json")));
    }

    @Test
    void illFormedBatchesAreOneLineErrors(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new BatchRun.Batch(List.of(), dir.resolve("c.bin")));
        assertTrue(e.getMessage().contains("S >= 1"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new BatchRun.Batch(List.of(
                new BatchRun.Member(tiny(0), dir.resolve("a")),
                new BatchRun.Member(tiny(1).toBuilder().dModel(8).build(), dir.resolve("b"))), dir.resolve("c.bin")));
        assertTrue(e.getMessage().contains("different shapes") && e.getMessage().contains("dModel"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        // seeds, learning rate, weight decay and initial scale may differ
        new BatchRun.Batch(List.of(new BatchRun.Member(tiny(0), dir.resolve("a")),
                new BatchRun.Member(tiny(1).toBuilder().lr(1e-2).weightDecay(0.3).initScale(2).build(), dir.resolve("b"))), dir.resolve("c.bin"));
    }
}
