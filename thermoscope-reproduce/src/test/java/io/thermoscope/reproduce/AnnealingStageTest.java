package io.thermoscope.reproduce;

import io.thermoscope.InvalidInputException;
import io.thermoscope.decision.Verdict;
import io.thermoscope.io.Provenance;
import io.thermoscope.report.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Eq. 27 stage on synthetic training runs written where the grokking stage writes them: columns found by name in
 * any order, phases cut at the accuracy thresholds, and the two claims decided per phase — T_eff falling while the
 * weights grow (memorisation) and rising while weight decay shrinks them (generalisation) give "holds" and "does not
 * hold"; runs that never memorise leave too few units.
 */
class AnnealingStageTest {

    /** A run whose weight norm grows ×g during memorisation (steps 0–400) and ×h until generalisation (step 1000). */
    static String metrics(double g, double h, boolean memorises) {
        StringBuilder b = new StringBuilder("epoch,valAcc,extra,weightNorm,cvAnswer,step,tEff,trainAcc\n");
        for (int i = 0; i <= 20; i++) {
            int step = 100 * i;
            double norm = step <= 400 ? Math.pow(g, step / 400.0) : step <= 1000 ? g * Math.pow(h, (step - 400) / 600.0) : g * h;
            double train = memorises ? Math.min(1, step / 400.0) : 0.5;
            double val = step < 1000 ? 0.1 : 1.0;
            double tEff = 8 / (norm * norm); // Eq. 27 with ‖W_Q‖ = ‖W_K‖ = norm
            b.append(String.format(Locale.ROOT, "%d,%.3f,7,%.6f,%.6f,%d,%.9f,%.3f%n", i, val, norm, 0.3 + 0.01 * i, step, tEff, train));
        }
        return b.toString();
    }

    static void writeSweep(Path out, java.util.function.IntFunction<String> run) throws Exception {
        ReproductionConfig c = ReproductionConfig.quick(out, 0);
        int k = 0;
        for (int p : GrokkingStage.ps(c)) {
            for (int s = 0; s < GrokkingStage.seeds(c); s++) {
                Path d = GrokkingStage.sweepDir(c).resolve("p" + p).resolve("seed" + s);
                Files.createDirectories(d);
                Files.writeString(d.resolve("metrics.csv"), run.apply(k++));
            }
        }
    }

    static Map<String, Claim> run(Path out) {
        var outcome = new Reproduction(ReproductionConfig.quick(out, 0), List.of(new AnnealingStage()))
                .run(Provenance.capture(List.of("test"), 0L), new ReproductionListener() { });
        return outcome.claims().stream().collect(Collectors.toMap(Claim::id, c -> c));
    }

    @Test
    void decidesEachPhaseOnItsOwn(@TempDir Path out) throws Exception {
        writeSweep(out, k -> metrics(1.5 + 0.05 * k, 0.7 - 0.01 * k, true));
        Map<String, Claim> claims = run(out);
        assertEquals(Verdict.HOLDS, claims.get("teff-memorisation").verdict(), claims.get("teff-memorisation").decision().reason());
        assertEquals(Verdict.DOES_NOT_HOLD, claims.get("teff-generalisation").verdict());
        assertTrue(Files.size(out.resolve("annealing/cv-vs-teff.svg")) > 0);
        String first = "p" + GrokkingStage.ps(ReproductionConfig.quick(out, 0)).get(0) + "/seed0,memorisation,0,400,";
        assertTrue(Files.readString(out.resolve("annealing/teff-phases.csv")).contains(first));
    }

    @Test
    void runsThatNeverMemoriseLeaveTooFewUnits(@TempDir Path out) throws Exception {
        writeSweep(out, k -> metrics(1.5, 0.7, k < 2));
        Claim c = run(out).get("teff-memorisation");
        assertEquals(Verdict.INCONCLUSIVE, c.verdict());
        assertEquals(3, c.decision().shortfall().needed());
    }

    @Test
    void phasesAndColumns() {
        AnnealingStage.RunMetrics r = AnnealingStage.read("x", write(metrics(2, 0.5, true)));
        AnnealingStage.Phase m = AnnealingStage.memorisation(r, 0.99), g = AnnealingStage.generalisation(r, 0.99, 0.99);
        assertEquals(4, m.to());
        assertEquals(-2 * Math.log(2), m.logChange(), 1e-6);  // T_eff ∝ 1/‖W‖²
        assertEquals(Math.log(2), m.normChange(), 1e-6);
        assertEquals(4, g.from());
        assertEquals(10, g.to());
        assertEquals(-2 * Math.log(0.5), g.logChange(), 1e-6);
        assertNull(AnnealingStage.memorisation(AnnealingStage.read("y", write(metrics(2, 0.5, false))), 0.99));
        assertThrows(InvalidInputException.class, () -> AnnealingStage.read("z", write("step,trainAcc,valAcc,cvAnswer\n0,0,0,1\n1,1,1,1\n")));
    }

    private static Path write(String text) {
        try {
            Path f = Files.createTempFile("metrics", ".csv");
            Files.writeString(f, text);
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
