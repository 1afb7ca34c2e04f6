package io.thermoscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A parallel sweep (child JVMs) gives exactly the runs of the in-process sweep, and its analysis sees them all. */
class GrokSweepTest {

    @Test
    void parallelChildrenReproduceInProcessRuns(@TempDir Path dir) {
        List<Integer> ps = List.of(5, 7);
        SweepConfig serial = SweepConfig.of("fast", ps, 1, c -> GrokRunTest.tiny(c.seed()).withP(c.p()).withMaxSteps(30), 1);
        SweepConfig parallel = new SweepConfig(serial.runs(), 2);
        List<GrokSummary> a = GrokSweep.run(serial, dir.resolve("serial"), null);
        List<GrokSummary> b = GrokSweep.run(parallel, dir.resolve("parallel"), null);
        assertEquals(2, b.size());
        for (int i = 0; i < 2; i++) {
            GrokConfig c = serial.runs().get(i);
            List<EvalRow> ra = GrokRun.readMetrics(dir.resolve("serial").resolve(SweepConfig.dirName(c)).resolve(GrokRun.METRICS), 2);
            List<EvalRow> rb = GrokRun.readMetrics(dir.resolve("parallel").resolve(SweepConfig.dirName(c)).resolve(GrokRun.METRICS), 2);
            assertEquals(ra.size(), rb.size());
            for (int j = 0; j < ra.size(); j++) assertArrayEquals(ra.get(j).values(), rb.get(j).values());
            assertEquals(a.get(i).groksAtStep(), b.get(i).groksAtStep());
        }
        SweepAnalysis an = SweepAnalysis.analyse(dir.resolve("parallel"));
        assertEquals(2, an.n());
        assertEquals(2, an.perP().size());
    }
}
