package io.thermoscope.reproduce;

import io.thermoscope.decision.Rule;
import io.thermoscope.report.Claim;

import java.util.List;

/**
 * One or more claims of the paper and the computation that tests them: measure → decide (by the stage's
 * {@link Rule}s) → present. A finished stage is reused by a rerun only when its {@link StageKey} — derived from
 * {@link #parameters}, {@link #rules} and {@link #version}, never written by hand — is unchanged.
 */
public interface Stage {

    /** Short identifier: the stage's directory under the results. */
    String id();

    /** What the stage does, for the progress display (also the subject of its claim if it fails). */
    String title();

    /** Expected share of the total run time (relative weights; used by the overall progress bar). */
    double weight(ReproductionConfig config);

    /**
     * Every constant and setting the stage's result depends on, as a record (nested records and lists allowed; no
     * paths). Editing any of them changes the cache key, so a rerun recomputes.
     */
    Record parameters(ReproductionConfig config);

    /** The rules the stage's claims are decided by, with their constants (part of the cache key). */
    List<Rule<?>> rules(ReproductionConfig config);

    /** Version of the stage's computation: increase it when the code changes what the stage computes. */
    int version();

    /**
     * Runs the computation, writes its files into {@code ctx.dir()}, and returns its claims, each decided by one of
     * {@link #rules} via {@link Claim#decided}.
     */
    List<Claim> run(StageContext ctx) throws Exception;
}
