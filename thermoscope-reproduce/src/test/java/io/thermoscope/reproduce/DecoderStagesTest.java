package io.thermoscope.reproduce;

import io.thermoscope.decision.Verdict;
import io.thermoscope.io.Provenance;
import io.thermoscope.report.Claim;
import io.thermoscope.train.lm.LmConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder stages end to end on a tiny decoder trained on 40 Brown documents: every claim is decided by a declared
 * rule (none fails), the export is verified against the trainer, the shared decoder is trained once and reused, and a
 * rerun reuses every stage.
 */
class DecoderStagesTest {
    static final Function<ReproductionConfig, DecoderStudy> TINY = c -> new DecoderStudy(LmConfig.preset("tiny", c.seed())
            .withSchedule(new LmConfig.Schedule(8, 40, 20, 8, 32, 20)), 40);

    static List<Stage> stages() {
        return List.of(new DecoderQualityStage(TINY), new DecoderPhasesStage(TINY), new DecoderRopeStage(TINY), new SamplingHeatStage(TINY), new DepthScalingStage(TINY));
    }

    @Test
    void decideEveryClaimOnATinyDecoder(@TempDir Path dir) throws Exception {
        ReproductionConfig cfg = ReproductionConfig.quick(dir, 0);
        Reproduction.Outcome out = new Reproduction(cfg, stages()).run(Provenance.capture(List.of("test"), 0L), new ReproductionListener() {
        });
        assertEquals(List.of("decoder-quality", "decoder-export", "decoder-kappa", "decoder-phase-boundary",
                "decoder-gamma-near-one", "decoder-pv-over-t-gamma", "decoder-rope", "decoder-heat", "decoder-depth-relaxation",
                "decoder-depth-scaling"), out.claims().stream().map(Claim::id).toList());
        for (Claim c : out.claims()) {
            assertNotEquals(Verdict.FAILED, c.verdict(), c.id() + ": " + c.decision().reason());
            assertFalse(c.presentation().figures().isEmpty(), c.id());
        }
        assertEquals(Verdict.IDENTITY_VERIFIED, out.claims().get(1).verdict(), out.claims().get(1).decision().reason());
        try (var runs = Files.list(dir.resolve("decoders"))) {
            assertEquals(5, runs.count(), "one shared decoder and four depths");
        }
        assertTrue(Files.size(dir.resolve("decoder-heat/continuations.json")) > 0);
        List<String> again = new java.util.ArrayList<>();
        new Reproduction(cfg, stages()).run(Provenance.capture(List.of("test"), 0L), new ReproductionListener() {
            @Override
            public void stageFinished(int index, Stage stage, List<Claim> claims, double seconds, boolean reused) {
                again.add(stage.id() + (reused ? ":reused" : ":ran"));
            }
        });
        assertEquals(List.of("decoder-quality:reused", "decoder-phases:reused", "decoder-rope:reused", "decoder-heat:reused", "decoder-depth:reused"), again);
    }
}
