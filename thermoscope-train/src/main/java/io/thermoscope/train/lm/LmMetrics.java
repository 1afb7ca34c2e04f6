package io.thermoscope.train.lm;

import java.util.List;

/**
 * One evaluation during training (a row of {@code metrics.csv}).
 *
 * @param step            optimiser steps taken
 * @param tokens          training tokens seen (step × batch × context)
 * @param lr              learning rate of the last step
 * @param trainBpb        mean training loss since the previous evaluation, in bits per byte (NaN at step 0)
 * @param valBpb          validation bits per byte on the fixed evaluation windows
 * @param tokensPerSecond training throughput since the previous evaluation (evaluation time excluded; NaN at step 0)
 * @param trainSeconds    training time so far (evaluations excluded), accumulated across resumes
 */
public record LmMetrics(int step, long tokens, double lr, double trainBpb, double valBpb, double tokensPerSecond,
                        double trainSeconds) {

    /** Column names of metrics.csv, in {@link #values()} order. */
    public static final List<String> COLUMNS = List.of("step", "tokens", "lr", "train_bpb", "val_bpb",
            "tokens_per_s", "train_seconds");

    /** The row as numbers, in {@link #COLUMNS} order (the checkpoint stores it so). */
    public double[] values() {
        return new double[] {step, tokens, lr, trainBpb, valBpb, tokensPerSecond, trainSeconds};
    }

    /** The row back from {@link #values()}. */
    public static LmMetrics of(double[] v) {
        return new LmMetrics((int) v[0], (long) v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
