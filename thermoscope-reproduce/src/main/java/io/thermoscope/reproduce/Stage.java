package io.thermoscope.reproduce;

import io.thermoscope.report.Claim;

/** One claim of the paper and the computation that tests it. */
public interface Stage {

    /** Short identifier: the stage's directory under the results and the report anchor. */
    String id();

    /** What the stage does, for the progress display. */
    String title();

    /** Expected share of the total run time (relative weights; used by the overall progress bar). */
    double weight(ReproductionConfig config);

    /**
     * Every parameter the stage's result depends on, as text: a finished stage whose recorded key equals this one
     * is reused by a rerun instead of being recomputed.
     */
    String key(ReproductionConfig config);

    /** Runs the computation, writes its files into {@code ctx.dir()}, and returns the tested claim. */
    Claim run(StageContext ctx) throws Exception;
}
