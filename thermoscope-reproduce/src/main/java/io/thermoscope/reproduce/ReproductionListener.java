package io.thermoscope.reproduce;

import io.thermoscope.report.Claim;

import java.util.List;

/** Observes a reproduction: the CLI draws an overall bar and the current stage's bar from these events. */
public interface ReproductionListener {

    /** Stage {@code index} of {@code count} begins; {@code doneWeight}/{@code totalWeight} is the overall progress. */
    default void stageStarted(int index, int count, Stage stage, double doneWeight, double totalWeight) {
    }

    /** Progress within the current stage. */
    default void stageProgress(double fraction, String detail) {
    }

    /** Stage finished with its claims (or was reused from an earlier run when {@code reused}). */
    default void stageFinished(int index, Stage stage, List<Claim> claims, double seconds, boolean reused) {
    }
}
