package io.thermoscope.train.lm;

import io.thermoscope.InvalidInputException;
import io.thermoscope.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmRunTest {
    static final ByteCorpus CORPUS = ByteCorpus.split(TinyText.documents(24, 30, 1), new LmConfig.Split(0.2, 0), 32);
    static final LmConfig TINY = LmConfig.preset("tiny", 3)
            .withSchedule(new LmConfig.Schedule(8, 60, 10, 8, 16, 20));

    static LmSummary train(LmConfig cfg, Path dir, boolean resume, LmRun.Listener l) {
        return LmRun.train(cfg, CORPUS, dir, resume, l, List.of("test"));
    }

    @Test
    void learnsTheTextAndBeatsTheUnigram(@TempDir Path dir) throws Exception {
        LmSummary s = train(TINY, dir, false, null);
        assertEquals(60, s.steps());
        assertTrue(s.valBpb() < s.baselines().unigram(), s.valBpb() + " vs unigram " + s.baselines().unigram());
        for (String f : List.of(LmRun.CONFIG, LmRun.METRICS, LmRun.SUMMARY, LmRun.CHECKPOINT, LmRun.SAMPLES)) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        List<String> metrics = Files.readAllLines(dir.resolve(LmRun.METRICS));
        assertEquals(String.join(",", LmMetrics.COLUMNS), metrics.get(0));
        assertEquals(1 + 7, metrics.size(), "step 0 and every 10 steps");
        // a finished run is read back, not retrained
        assertEquals(s, train(TINY, dir, true, null));
        var e = assertThrows(InvalidInputException.class, () -> train(TINY, dir, false, null));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void aResumedRunReproducesTheUninterruptedOneBitForBit(@TempDir Path dir) {
        Path whole = dir.resolve("whole"), cut = dir.resolve("cut");
        train(TINY, whole, false, null);
        // "kill -9" at step 47: the last checkpoint is step 40, the steps after it are lost
        assertThrows(IllegalStateException.class, () -> train(TINY, cut, false, (step, steps, last) -> {
            if (step == 47) throw new IllegalStateException("killed");
        }));
        assertEquals(40, Checkpoint.read(cut.resolve(LmRun.CHECKPOINT)).step());
        train(TINY, cut, true, null);
        Checkpoint a = Checkpoint.read(whole.resolve(LmRun.CHECKPOINT)), b = Checkpoint.read(cut.resolve(LmRun.CHECKPOINT));
        assertEquals(a.step(), b.step());
        assertEquals(a.layout(), b.layout());
        assertArrayEquals(a.params(), b.params(), "parameters");
        assertArrayEquals(a.m(), b.m(), "first moments");
        assertArrayEquals(a.v(), b.v(), "second moments");
        List<double[]> ra = a.runs().get(0).rows(), rb = b.runs().get(0).rows();
        assertEquals(ra.size(), rb.size());
        for (int i = 0; i < ra.size(); i++) {
            assertEquals(ra.get(i)[4], rb.get(i)[4], "val bpb of row " + i);
            assertEquals(ra.get(i)[3], rb.get(i)[3], "train bpb of row " + i);
        }
    }

    @Test
    void refusesAnotherShapeAndNeverOverwritesADamagedCheckpoint(@TempDir Path dir) throws Exception {
        LmConfig short20 = TINY.withSchedule(TINY.schedule().withSteps(20));
        train(short20, dir, false, null);
        // another model shape in the same directory
        LmConfig wider = short20.withModel(short20.model().withWidth(64, 2));
        var e = assertThrows(InvalidInputException.class, () -> train(wider, dir, true, null));
        assertTrue(e.getMessage().contains("another run") && e.getMessage().contains("dModel"), e.getMessage());
        // a checkpoint of another shape with this run's config.json beside it
        Path other = dir.resolve("other");
        train(wider, other, false, null);
        Path mine = dir.resolve("mine");
        LmConfig forty = short20.withSchedule(short20.schedule().withSteps(40));
        assertThrows(IllegalStateException.class, () -> train(forty, mine, false, (s, n, l) -> {
            if (s == 25) throw new IllegalStateException("killed");
        }));
        // rewrite the foreign checkpoint's configuration so that only the shapes differ
        Checkpoint f = Checkpoint.read(other.resolve(LmRun.CHECKPOINT));
        Checkpoint ours = Checkpoint.read(mine.resolve(LmRun.CHECKPOINT));
        new Checkpoint(ours.metadataJson(), ours.step(), ours.adamSteps(), f.layout(), f.params(), f.m(), f.v(), ours.runs())
                .write(mine.resolve(LmRun.CHECKPOINT));
        e = assertThrows(InvalidInputException.class, () -> train(forty, mine, true, null));
        assertTrue(e.getMessage().contains("another model shape"), e.getMessage());
        // a damaged checkpoint: one line, and the file is left as it was
        byte[] good = Files.readAllBytes(mine.resolve(LmRun.CHECKPOINT));
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55;
        Files.write(mine.resolve(LmRun.CHECKPOINT), bad);
        e = assertThrows(InvalidInputException.class, () -> train(forty, mine, true, null));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(bad, Files.readAllBytes(mine.resolve(LmRun.CHECKPOINT)));
    }

    @Test
    void aDivergingRunLeavesNothingAndABusyDirectoryIsRefused(@TempDir Path dir) {
        Path out = dir.resolve("run");
        LmConfig wild = TINY.withOptimiser(TINY.optimiser().withLr(10));
        var e = assertThrows(InvalidInputException.class, () -> train(wild, out, false, null));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertTrue(Files.notExists(out), "nothing may block the corrected rerun");
        try (var lock = io.thermoscope.io.DirectoryLock.acquire(out, "another process")) {
            assertThrows(InvalidInputException.class, () -> train(TINY, out, false, null));
        }
    }
}
