package io.thermoscope.train;

/**
 * What one run found (its {@code summary.json}): the task, the gate's analysis of its curves, where it ended, and
 * the time it took. Steps are optimiser steps.
 *
 * @param p               modulus
 * @param operands        k of (x₁ + … + x_k) mod p
 * @param seed            seed
 * @param preset          preset label
 * @param keys            keys the "=" query attends to (k + 1)
 * @param cvBound         Eq. 28's bound B(k + 1) on the "=" query's C_v ({@link io.thermoscope.ensemble.SpecificHeatBound})
 * @param analysis        outcome, onset, plateau peaks and maxima
 * @param gate            the gate the analysis used
 * @param window          the plateau window the analysis used
 * @param finalTrainAcc   train accuracy at the last evaluation
 * @param finalValAcc     validation accuracy at the last evaluation
 * @param steps           steps trained
 * @param evaluations     evaluations recorded
 * @param batchRuns       runs trained together in its batch
 * @param wallSeconds     wall time of the batch's last training session (excludes time before a resume)
 * @param monitorSeconds  time the batch spent in the thermodynamic monitor in that session
 */
public record GrokSummary(int p, int operands, long seed, String preset, int keys, double cvBound,
                          RunAnalysis analysis, GrokGate gate, PlateauWindow window, double finalTrainAcc,
                          double finalValAcc, int steps, int evaluations, int batchRuns, double wallSeconds,
                          double monitorSeconds) {

    /** The summary of run {@code cfg} from its rows. */
    public static GrokSummary of(GrokConfig cfg, java.util.List<EvalRow> rows, GrokGate gate, PlateauWindow window,
                                 int batchRuns, double wallSeconds, double monitorSeconds) {
        EvalRow last = rows.get(rows.size() - 1);
        int keys = cfg.task().sequenceLength();
        return new GrokSummary(cfg.p(), cfg.task().operands(), cfg.seed(), cfg.preset(), keys,
                io.thermoscope.ensemble.SpecificHeatBound.maximum(keys), RunAnalysis.of(rows, gate, window), gate,
                window, last.trainAcc(), last.valAcc(), last.step(), rows.size(), batchRuns, wallSeconds, monitorSeconds);
    }
}
