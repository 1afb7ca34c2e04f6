package io.thermoscope.reproduce;

import io.thermoscope.decision.Verdict;
import io.thermoscope.io.Provenance;
import io.thermoscope.report.Claim;
import io.thermoscope.train.GrokConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three training stages end to end on tiny sweeps (seconds of training): Fig. 3 and Fig. 4 on a batched sweep over
 * two p, the finite-size test over two k; every claim is decided (inconclusive: too few runs grok, too narrow a range),
 * none fails, their figures and analyses are written, and a rerun reuses them.
 */
class GrokkingStagesTest {
    static final GrokConfig TINY = GrokConfig.preset("fast", 5, 0).toBuilder().dModel(16).heads(2).dMlp(32).maxSteps(60)
            .evalEvery(10).checkpointEvery(20).probeSize(25).trainFraction(0.6).stopAfterGrok(-1).build();

    @Test
    void stagesRunDecideAndAreReused(@TempDir Path dir) throws Exception {
        ReproductionConfig cfg = ReproductionConfig.quick(dir, 0);
        List<Stage> stages = List.of(
                new GrokkingStage(c -> new GrokkingStage.SweepParams("tiny", List.of(5, 7), 2, 0, TINY)),
                new ScalingStage(),
                new FiniteSizeStage(c -> new FiniteSizeStage.Params(List.of(2, 3), 2, TINY)));
        List<String> events = new ArrayList<>();
        ReproductionListener l = new ReproductionListener() {
            @Override
            public void stageFinished(int index, Stage stage, List<Claim> claims, double seconds, boolean reused) {
                events.add(stage.id() + (reused ? ":reused" : ":ran"));
            }
        };
        Reproduction.Outcome out = new Reproduction(cfg, stages).run(Provenance.capture(List.of("test"), 0L), l);
        assertEquals(List.of("grokking:ran", "cv-scaling:ran", "finite-size:ran"), events);
        for (Claim c : out.claims()) {
            assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.id() + ": " + c.decision().reason());
            assertFalse(c.rule().isBlank());
            assertFalse(c.presentation().figures().isEmpty() && !c.id().equals("grokking"), c.id() + " has no figure");
        }
        assertTrue(out.claims().stream().anyMatch(c -> c.id().equals("grokking") && c.decision().shortfall() != null),
                "Fig. 3 with no run that groks says how many are needed");
        for (String f : new String[] {"grokking/analysis.json", "grokking/sweep/p5/checkpoint-seeds0-1.bin",
            "cv-scaling/fig4.svg", "cv-scaling/fig4_proxy.png", "cv-scaling/fig4.csv", "finite-size/cvmax_vs_k.svg",
            "finite-size/sweep/k3/p5/seed1/metrics.csv", "finite-size/analysis.json", "report.html"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        events.clear();
        new Reproduction(cfg, stages).run(Provenance.capture(List.of("test"), 0L), l);
        assertEquals(List.of("grokking:reused", "cv-scaling:reused", "finite-size:reused"), events);
    }
}
