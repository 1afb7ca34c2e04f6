package io.thermoscope.reproduce;

import io.thermoscope.decision.Decision;
import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.decision.Verdict;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Fig. 3's claim, decided the way it was stated before any run: "C_v carries a precursor signal of grokking". Units
 * are the runs that grok by the gate. First, does C_v of the "=" query peak inside the plateau (between the end of
 * the memorisation transient and the onset) in most of them? Second, is that peak more than the controls already
 * say — does it, in most of those runs, coincide with none of the controls' extrema (the weight-norm maximum, the
 * proxy's peak, the train-loss minimum, the T_eff minimum: |Δφ| above the coincidence window)?
 * <ul>
 * <li>holds: both shares have their {@code confidence} Wilson interval above {@code share};</li>
 * <li>does not hold: the first interval lies at or below {@code share} (no precursor), or the second does (the
 * controls explain the peak);</li>
 * <li>inconclusive: fewer than {@code minRuns} grokking runs (or runs with a peak), or an interval contains
 * {@code share}.</li>
 * </ul>
 *
 * @param share       the share both proportions must exceed (1/2: "in most runs")
 * @param confidence  the intervals' confidence level
 * @param minRuns     fewest grokking runs (and runs with a C_v peak) the rule accepts
 * @param coincidence |Δφ| within which a control's extremum coincides with the C_v peak
 */
public record PrecursorRule(double share, double confidence, int minRuns, double coincidence)
        implements Rule<PrecursorRule.Evidence> {

    /** Validates the constants. */
    public PrecursorRule {
        if (!(share > 0 && share < 1)) throw new IllegalArgumentException("share must lie in (0, 1)");
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must lie in (0, 1)");
        if (minRuns < 1) throw new IllegalArgumentException("minRuns must be >= 1");
        if (!(coincidence > 0 && coincidence <= 1)) throw new IllegalArgumentException("coincidence must lie in (0, 1]");
    }

    /**
     * What the rule reads.
     *
     * @param grokking   runs that grok by the gate
     * @param cvPeaks    of those, runs in which C_v of the "=" query peaks inside the plateau
     * @param unexplained of those, runs in which no control's extremum lies within the coincidence window
     */
    public record Evidence(int grokking, int cvPeaks, int unexplained) {
        /** Validates the counts. */
        public Evidence {
            if (grokking < 0 || cvPeaks < 0 || cvPeaks > grokking || unexplained < 0 || unexplained > cvPeaks) {
                throw new IllegalArgumentException("need 0 <= unexplained <= cvPeaks <= grokking");
            }
        }
    }

    @Override
    public String text() {
        String pct = Numbers.percent(confidence), s = Numbers.constant(share);
        return "over the runs that grok by the gate (at least " + minRuns + "): holds if C_v of the \"=\" query peaks inside the "
                + "plateau in a share of them whose " + pct + " Wilson CI lies above " + s + " and, among those peaks, the share "
                + "that coincide with no control's extremum (weight-norm maximum, proxy peak, train-loss minimum, T_eff "
                + "minimum; |Δφ| ≤ " + Numbers.constant(coincidence) + " counts as coinciding) also has its CI above " + s
                + "; does not hold if the first CI lies at or below " + s + " (no precursor) or the second does (the controls "
                + "explain the peak); inconclusive otherwise or with fewer than " + minRuns + " runs";
    }

    @Override
    public Set<Verdict> outcomes() {
        return EnumSet.of(Verdict.HOLDS, Verdict.DOES_NOT_HOLD, Verdict.INCONCLUSIVE);
    }

    @Override
    public Decision decide(Evidence e) {
        Objects.requireNonNull(e, "evidence");
        if (e.grokking() < minRuns) {
            return Decision.inconclusive(e.grokking() + " runs grok by the gate, fewer than the " + minRuns + " the rule needs",
                    new Decision.Shortfall(e.grokking(), minRuns, "runs that grok"));
        }
        Estimate peaks = Estimate.proportion(e.cvPeaks(), e.grokking(), confidence, "runs that grok");
        String s = Numbers.constant(share);
        if (peaks.high() <= share) {
            return Decision.of(Verdict.DOES_NOT_HOLD, "C_v peaks inside the plateau in " + e.cvPeaks() + " of " + e.grokking()
                    + " runs that grok: share " + peaks.text() + " lies at or below " + s);
        }
        if (!(peaks.low() > share)) {
            return Decision.inconclusive("C_v peaks inside the plateau in " + e.cvPeaks() + " of " + e.grokking()
                    + " runs that grok: share " + peaks.text() + " contains " + s, more(peaks, share));
        }
        if (e.cvPeaks() < minRuns) {
            return Decision.inconclusive(e.cvPeaks() + " runs have a C_v peak, fewer than the " + minRuns + " the rule needs",
                    new Decision.Shortfall(e.cvPeaks(), minRuns, "runs with a C_v peak"));
        }
        Estimate alone = Estimate.proportion(e.unexplained(), e.cvPeaks(), confidence, "runs with a C_v peak");
        String head = "C_v peaks inside the plateau in " + e.cvPeaks() + " of " + e.grokking() + " runs that grok ("
                + peaks.text() + "); " + e.unexplained() + " of those peaks coincide with no control's extremum: share "
                + alone.text();
        if (alone.low() > share) return Decision.of(Verdict.HOLDS, head + " lies above " + s);
        if (alone.high() <= share) return Decision.of(Verdict.DOES_NOT_HOLD, head + " lies at or below " + s + ": the controls explain the peak");
        return Decision.inconclusive(head + " contains " + s, more(alone, share));
    }

    /**
     * How many units an interval as wide per unit as {@code e}'s would need to clear {@code share} at the observed
     * share (half-width ∝ 1/√n); null when the observed share is the threshold itself (no number of runs decides).
     */
    static Decision.Shortfall more(Estimate e, double share) {
        double gap = Math.abs(e.value() - share);
        int n = gap > 0 ? e.unitsForHalfWidth(gap) : -1;
        return n > e.units() ? new Decision.Shortfall(e.units(), n, e.unit()) : null;
    }
}
