package io.thermoscope.train;

/** Receives a run's evaluations as they happen (progress display); called on the training thread. */
@FunctionalInterface
public interface GrokListener {
    /** One evaluation of the run configured by {@code cfg} has finished. */
    void onEval(GrokConfig cfg, EvalRow row);
}
