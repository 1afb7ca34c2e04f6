package io.thermoscope.reproduce;

import io.thermoscope.decision.BoundRule;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.RuleTable;
import io.thermoscope.decision.Verdict;
import io.thermoscope.langevin.CvPeak;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static io.thermoscope.decision.RuleTable.row;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule the report decides by has a table of synthetic evidence reaching each of its outcomes. The generic rules
 * ({@link EquivalenceRule}, {@link BoundRule}, {@link IdentityRule}) have their tables in thermoscope-core
 * ({@code GenericRulesTest}); the stage-specific ones have theirs here, and {@link #everyRuleOfTheReportHasATable}
 * fails when a stage starts deciding by a rule class without one.
 */
class StageRulesTest {
    /** Rule classes whose table lives in this class or in core's GenericRulesTest. */
    static final Set<Class<?>> TABLED = Set.of(EquivalenceRule.class, BoundRule.class, IdentityRule.class,
            LangevinStage.SweepPeakRule.class, RealHeadPhasesStage.PhaseRule.class);

    @Test
    void everyRuleOfTheReportHasATable() {
        Set<Class<?>> used = new HashSet<>();
        for (Stage st : Stages.all()) {
            for (boolean full : new boolean[]{false, true}) {
                for (Rule<?> r : st.rules(new ReproductionConfig(full, Path.of("x"), 0))) used.add(r.getClass());
            }
        }
        used.removeAll(TABLED);
        assertTrue(used.isEmpty(), "rules without a table test: " + used);
    }

    @Test
    void langevinSweepPeakRule() {
        RuleTable.check(LangevinStage.RULE,
                row("prominent peak", Optional.of(new CvPeak(100, 9.9, -2.9, 1.3, 1.3, 1.0, 0.5, 0.01)), Verdict.HOLDS),
                row("peak within the scatter", Optional.of(new CvPeak(100, 9.9, -2.9, 1.3, 1.3, 0.02, 0.5, 0.01)), Verdict.INCONCLUSIVE),
                row("no peak", Optional.<CvPeak>empty(), Verdict.DOES_NOT_HOLD));
    }

    @Test
    void realHeadPhaseRule() {
        RuleTable.check(RealHeadPhasesStage.RULE,
                row("law fits, heads firm", new RealHeadPhasesStage.PhaseEvidence(0.9, 60, 72), Verdict.HOLDS),
                row("law fits, heads in the band", new RealHeadPhasesStage.PhaseEvidence(0.9, 10, 72), Verdict.INCONCLUSIVE),
                row("law fits moderately", new RealHeadPhasesStage.PhaseEvidence(0.6, 60, 72), Verdict.INCONCLUSIVE),
                row("law does not fit", new RealHeadPhasesStage.PhaseEvidence(0.3, 60, 72), Verdict.DOES_NOT_HOLD),
                row("no fit at all", new RealHeadPhasesStage.PhaseEvidence(Double.NaN, 0, 72), Verdict.DOES_NOT_HOLD));
    }
}
