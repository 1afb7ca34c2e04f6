package io.thermoscope.reproduce;

import io.thermoscope.io.Provenance;
import io.thermoscope.report.BrowserCheck;
import io.thermoscope.report.Claim;
import io.thermoscope.decision.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reproduction machinery on every stage but the training sweep (three of them on real pretrained models): no
 * stage fails, exact stages are decided by their numbers, finished stages are reused by a rerun, a deleted record
 * recomputes, and the report opens in headless Chromium with every figure and no console error. The grokking
 * stages (minutes of training) run in {@code ./thermoscope}; their library is tested in thermoscope-train.
 */
class ReproductionTest {

    static List<Stage> cheap() {
        return List.of(new SoftmaxMinimiserStage(), new RopeGoldstoneStage(), new DistancePhasesStage(),
                new FisherInformationStage(), new KappaStage(6), new RealHeadPhasesStage(6)); // 6 Brown documents: inconclusive by the rules' 50
    }

    /** Stages whose verdict is decided by exact numerics (never inconclusive on a working build). */
    static final List<String> DETERMINISTIC = List.of("softmax-minimiser", "rope-goldstone", "rope-energy", "distance-phases",
            "distance-collapse", "fisher-information", "fisher-equals-cv");

    @Test
    void runsReusesAndRendersTheReport(@TempDir Path dir) throws Exception {
        ReproductionConfig cfg = ReproductionConfig.quick(dir, 0);
        List<String> events = new ArrayList<>();
        ReproductionListener l = new ReproductionListener() {
            @Override
            public void stageFinished(int index, Stage stage, List<Claim> claims, double seconds, boolean reused) {
                events.add(stage.id() + (reused ? ":reused" : ":ran"));
            }
        };
        Reproduction.Outcome first = new Reproduction(cfg, cheap()).run(Provenance.capture(List.of("test"), 0L), l);
        assertEquals(List.of("softmax-minimiser:ran", "rope-goldstone:ran", "distance-phases:ran", "fisher-information:ran",
                "kappa:ran", "real-head-phases:ran"), events);
        for (Claim c : first.claims()) {
            assertNotEquals(Verdict.FAILED, c.verdict(), c.id() + ": " + c.decision().reason());
            if (DETERMINISTIC.contains(c.id())) {
                assertNotEquals(Verdict.INCONCLUSIVE, c.verdict(), c.id() + " should be decided by its numbers");
            }
            assertFalse(c.rule().isBlank());
            assertFalse(c.presentation().figures().isEmpty(), c.id() + " has no figure");
        }
        for (String f : new String[]{"report.html", "claims.json", "claims.csv", "softmax-minimiser/minimiser-vs-softmax.png",
                "softmax-minimiser/minimiser-vs-softmax.csv", "distance-phases/cv-vs-n.csv", "distance-phases/phase-diagram.svg"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }

        events.clear();
        new Reproduction(cfg, cheap()).run(Provenance.capture(List.of("test"), 0L), l);
        assertEquals(List.of("softmax-minimiser:reused", "rope-goldstone:reused", "distance-phases:reused",
                "fisher-information:reused", "kappa:reused", "real-head-phases:reused"), events);

        // a stage whose recorded key differs is recomputed; an interrupted stage (no stage.json) too
        Files.delete(dir.resolve("rope-goldstone/" + Reproduction.RECORD));
        events.clear();
        new Reproduction(cfg, cheap()).run(Provenance.capture(List.of("test"), 0L), l);
        assertEquals(List.of("softmax-minimiser:reused", "rope-goldstone:ran", "distance-phases:reused",
                "fisher-information:reused", "kappa:reused", "real-head-phases:reused"), events);

        boolean ci = System.getenv("CI") != null;
        if (ci) assertTrue(BrowserCheck.chromium().isPresent(), "CI must have Chromium (./run-tests installs it)");
        assumeTrue(BrowserCheck.chromium().isPresent(), "Chromium not installed: browser check skipped");
        int figures = first.claims().stream().mapToInt(c -> c.presentation().figures().size()).sum();
        BrowserCheck.Result r = BrowserCheck.check(first.report(), dir.resolve("report.png"), figures, 1280, 2400);
        assertTrue(r.problems().isEmpty(), "browser check: " + r.problems());
        assertTrue(Files.size(dir.resolve("report.png")) > 10_000);
    }
}
