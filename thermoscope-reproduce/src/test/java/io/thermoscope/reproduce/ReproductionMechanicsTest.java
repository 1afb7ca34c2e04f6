package io.thermoscope.reproduce;

import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.Verdict;
import io.thermoscope.io.Provenance;
import io.thermoscope.report.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reproduction's bookkeeping on a toy stage: a rerun reuses a finished stage only while its parameters, rules and
 * version are unchanged (editing any constant reruns it); a stage that throws is reported as "failed" with its error
 * and is not recorded as finished; a claim decided by an undeclared rule, or parameters that cannot form a stable key,
 * fail the stage instead of caching a stale or meaningless result.
 */
class ReproductionMechanicsTest {

    /** A stage whose constants the test edits between runs. */
    static final class ToyStage implements Stage {
        record Params(double threshold, int samples, List<Integer> ps) {
        }

        Params params = new Params(0.5, 10, List.of(17, 23));
        BoundRule rule = new BoundRule("toy value", BoundRule.Side.ABOVE, 0, 0.95, 3, "seeds");
        int version = 1;
        Rule<Estimate> decideWith = null; // when set, the claim is decided by this (possibly undeclared) rule
        RuntimeException throwing = null;
        Record paramsOverride = null;
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String id() {
            return "toy";
        }

        @Override
        public String title() {
            return "toy stage";
        }

        @Override
        public double weight(ReproductionConfig config) {
            return 1;
        }

        @Override
        public Record parameters(ReproductionConfig config) {
            return paramsOverride != null ? paramsOverride : params;
        }

        @Override
        public List<Rule<?>> rules(ReproductionConfig config) {
            return List.of(rule);
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public List<Claim> run(StageContext ctx) {
            runs.incrementAndGet();
            if (throwing != null) throw throwing;
            Rule<Estimate> r = decideWith != null ? decideWith : rule;
            return List.of(Claim.decided(new Claim.Subject("toy-claim", "the toy value is positive", "nowhere"), r,
                    new Estimate(1, 0.5, 1.5, 0.95, params.samples(), "seeds"), new Claim.Presentation("toy", java.util.Map.of(), List.of())));
        }
    }

    static List<Claim> run(Path dir, ToyStage s) {
        return new Reproduction(ReproductionConfig.quick(dir, 0), List.of(s)).run(Provenance.capture(List.of("test"), 0L),
                new ReproductionListener() {
                }).claims();
    }

    @Test
    void editingAnyConstantRerunsTheStage(@TempDir Path dir) {
        ToyStage s = new ToyStage();
        assertEquals(Verdict.HOLDS, run(dir, s).get(0).verdict());
        run(dir, s);
        assertEquals(1, s.runs.get(), "an unchanged stage is reused");

        s.params = new ToyStage.Params(0.6, 10, List.of(17, 23));                 // a parameter constant
        run(dir, s);
        assertEquals(2, s.runs.get());
        s.params = new ToyStage.Params(0.6, 10, List.of(17, 23, 31));             // a list of moduli
        run(dir, s);
        assertEquals(3, s.runs.get());
        s.rule = new BoundRule("toy value", BoundRule.Side.ABOVE, 0, 0.95, 4, "seeds"); // a rule constant
        run(dir, s);
        assertEquals(4, s.runs.get());
        s.version = 2;                                                            // the stage's code version
        run(dir, s);
        assertEquals(5, s.runs.get());
        run(dir, s);
        assertEquals(5, s.runs.get(), "and reused again once nothing changed");
    }

    @Test
    void aThrowingStageIsReportedAsFailedAndNotRecorded(@TempDir Path dir) throws Exception {
        ToyStage s = new ToyStage();
        s.throwing = new IllegalStateException("the model file is damaged");
        Claim c = run(dir, s).get(0);
        assertEquals(Verdict.FAILED, c.verdict());
        assertTrue(c.decision().reason().contains("the model file is damaged"), c.decision().reason());
        assertFalse(Files.exists(dir.resolve("toy").resolve(Reproduction.RECORD)));
        assertTrue(Files.readString(dir.resolve("claims.json")).contains("\"verdict\" : \"failed\""));
        s.throwing = null;
        assertEquals(Verdict.HOLDS, run(dir, s).get(0).verdict());
        assertEquals(2, s.runs.get(), "a failed stage reruns");
    }

    @Test
    void aClaimDecidedByAnUndeclaredRuleFailsTheStage(@TempDir Path dir) {
        ToyStage s = new ToyStage();
        s.decideWith = new BoundRule("toy value", BoundRule.Side.ABOVE, -1, 0.95, 3, "seeds"); // not in rules()
        Claim c = run(dir, s).get(0);
        assertEquals(Verdict.FAILED, c.verdict());
        assertTrue(c.decision().reason().contains("did not declare"), c.decision().reason());
    }

    @Test
    void arraysInParametersCannotFormAKey(@TempDir Path dir) {
        record WithArray(double[] xs) {
        }
        ToyStage s = new ToyStage();
        s.paramsOverride = new WithArray(new double[]{1, 2});
        Claim c = run(dir, s).get(0);
        assertEquals(Verdict.FAILED, c.verdict());
        assertEquals(0, s.runs.get());
    }

    @Test
    void everyStageDeclaresAStableKey() {
        // two evaluations of each real stage's key agree (no addresses, no clocks); every stage declares a rule
        List<String> ids = new ArrayList<>();
        for (Stage st : Stages.all()) {
            for (boolean full : new boolean[]{false, true}) {
                ReproductionConfig c = new ReproductionConfig(full, Path.of("x"), 0);
                assertEquals(StageKey.of(st, c), StageKey.of(st, c), st.id());
                assertFalse(st.rules(c).isEmpty(), st.id() + " declares no rule");
            }
            ids.add(st.id());
        }
        assertEquals(ids.size(), ids.stream().distinct().count());
    }
}
