package io.thermoscope.reproduce;

import io.thermoscope.decision.Verdict;
import io.thermoscope.io.Provenance;
import io.thermoscope.report.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Fig. 2 stage end to end with the quick protocol (40 000 walkers, three sweep rates, ~20 s on 2 cores): the
 * transition claim is refuted by the potential's phase structure while the same rule passes the Landau control, and
 * Jarzynski's estimate recovers the exact ΔF at the paper's rate.
 */
class LangevinStageTest {

    @Test
    void refutesTheTransitionAndRecoversTheFreeEnergy(@TempDir Path out) throws Exception {
        var outcome = new Reproduction(ReproductionConfig.quick(out, 0), List.of(new LangevinStage()))
                .run(Provenance.capture(List.of("test"), 0L), new ReproductionListener() { });
        Map<String, Claim> claims = outcome.claims().stream().collect(Collectors.toMap(Claim::id, c -> c));
        Claim transition = claims.get("langevin");
        assertEquals(Verdict.DOES_NOT_HOLD, transition.verdict(), transition.decision().reason());
        assertTrue(transition.decision().reason().contains("no disordered phase"), transition.decision().reason());
        assertTrue(transition.presentation().numbers().values().stream().anyMatch(v -> v.startsWith("holds: C_v peaks")),
                "the Landau control passes the same rule: " + transition.presentation().numbers());
        Claim jarzynski = claims.get("langevin-jarzynski");
        assertEquals(Verdict.HOLDS, jarzynski.verdict(), jarzynski.decision().reason());
        String work = Files.readString(out.resolve("langevin/work.csv"));
        assertEquals(4, work.lines().count(), work); // header + three rates
        for (String f : new String[]{"langevin-cv", "langevin-rate", "langevin-work", "langevin-phases", "langevin-cv-time"}) {
            assertTrue(Files.size(out.resolve("langevin/" + f + ".png")) > 0, f);
        }
    }
}
