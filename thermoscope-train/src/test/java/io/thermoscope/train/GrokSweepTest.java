package io.thermoscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep batches the seeds of each p: its runs equal the same runs trained one by one (same gate outcome, train
 * losses within float32 round-off), parallel child JVMs give bit for bit the runs of the in-process sweep, and the
 * analysis sees every run.
 */
class GrokSweepTest {

    private static List<GrokConfig> runs() {
        List<GrokConfig> out = new ArrayList<>();
        for (int p : new int[] {5, 7}) {
            for (long s = 0; s < 2; s++) out.add(TinyRuns.tiny(s).toBuilder().p(p).maxSteps(60).evalEvery(10).build());
        }
        return out;
    }

    @Test
    void batchedSweepFollowsSoloRunsAndParallelChildrenReproduceIt(@TempDir Path dir) throws Exception {
        List<GrokSummary> batched = GrokSweep.run(new SweepConfig(runs(), 1, 0), dir.resolve("batched"), GrokGate.DEFAULT,
                PlateauWindow.DEFAULT, null);
        List<GrokSummary> solo = GrokSweep.run(new SweepConfig(runs(), 1, 1), dir.resolve("solo"), GrokGate.DEFAULT,
                PlateauWindow.DEFAULT, null);
        List<GrokSummary> parallel = GrokSweep.run(new SweepConfig(runs(), 2, 0), dir.resolve("parallel"), GrokGate.DEFAULT,
                PlateauWindow.DEFAULT, null);
        assertTrue(Files.exists(dir.resolve("batched/p5/checkpoint-seeds0-1.bin")));
        assertTrue(Files.exists(dir.resolve("solo/p5/seed0/checkpoint.bin")));
        assertEquals(4, parallel.size());
        for (int i = 0; i < 4; i++) {
            GrokConfig c = runs().get(i);
            String run = SweepConfig.dirName(c) + "/" + GrokRun.METRICS;
            List<EvalRow> b = GrokRun.readMetrics(dir.resolve("batched").resolve(run), 2);
            List<EvalRow> s = GrokRun.readMetrics(dir.resolve("solo").resolve(run), 2);
            assertEquals(s.size(), b.size());
            double worst = 0;
            for (int j = 0; j < b.size(); j++) worst = Math.max(worst, Math.abs(b.get(j).trainLoss() - s.get(j).trainLoss()));
            assertTrue(worst <= 1e-4, run + ": max |Δ train loss| batched vs alone = " + worst);
            assertEquals(solo.get(i).analysis().outcome(), batched.get(i).analysis().outcome(), run);
            assertArrayEquals(Files.readAllBytes(dir.resolve("batched").resolve(run)), Files.readAllBytes(dir.resolve("parallel").resolve(run)), run);
        }
        SweepAnalysis an = SweepAnalysis.analyse(dir.resolve("parallel"), GrokGate.DEFAULT, PlateauWindow.DEFAULT);
        assertEquals(4, an.runs().size());
        assertEquals(2, an.cvScaling().points().size());
        assertEquals("p", an.variable());
    }
}
