package io.thermoscope.train;

/**
 * One evaluation of a run: losses and accuracies, and the monitor's head-averaged and per-head thermodynamics.
 * Per-head arrays are indexed layer·heads + head. The ensemble quantities are those of the Boltzmann ensemble of
 * one query over its causally visible keys at T = √d_k; the "=" (answer) query sees all k + 1 positions.
 *
 * @param step        optimiser steps taken
 * @param epoch       passes over the training set (step · batch / N_train)
 * @param trainLoss   mean cross-entropy on the whole training set
 * @param trainAcc    accuracy on the training set
 * @param valLoss     mean cross-entropy on the validation set
 * @param valAcc      accuracy on the validation set
 * @param cvAnswer    C_v (Eq. 28) of the "=" query, averaged over heads (and probe examples)
 * @param cvMean      C_v averaged over the queries that see ≥ 2 keys (the one-key first position left out), and heads
 * @param cvProxy     the experiment's Var(QKᵀ/√d_k) over every unmasked entry, averaged over heads
 * @param u           internal energy ⟨E⟩ of the "=" query (Eq. 24), averaged over heads
 * @param s           entropy of the "=" query (Eq. 24), averaged over heads
 * @param f           free energy −T ln Z of the "=" query (Eq. 24), averaged over heads
 * @param nEff        participation ratio 1/Σρ² of the "=" query, averaged over heads
 * @param tEff        T_eff = √d_k/(‖W_Q‖_F‖W_K‖_F) (Eq. 27), averaged over heads
 * @param weightNorm  L2 norm of all parameters of the run together
 * @param headCvAnswer per-head cvAnswer
 * @param headCvMean   per-head cvMean
 * @param headCvProxy  per-head cvProxy
 * @param headU        per-head U
 * @param headS        per-head S
 * @param headF        per-head F
 * @param headNEff     per-head N_eff
 * @param headTEff     per-head T_eff
 */
public record EvalRow(int step, double epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
                      double cvAnswer, double cvMean, double cvProxy, double u, double s, double f, double nEff,
                      double tEff, double weightNorm, double[] headCvAnswer, double[] headCvMean,
                      double[] headCvProxy, double[] headU, double[] headS, double[] headF, double[] headNEff,
                      double[] headTEff) {

    /** Names of the scalar columns, in CSV order (then the per-head blocks). */
    public static final String[] SCALARS = {"step", "epoch", "trainLoss", "trainAcc", "valLoss", "valAcc", "cvAnswer",
        "cvMean", "cvProxy", "U", "S", "F", "nEff", "tEff", "weightNorm"};

    /** Names of the per-head column blocks, in CSV order; each becomes {@code name_L{l}H{h}}. */
    public static final String[] HEAD_BLOCKS = {"cvAnswer", "cvMean", "cvProxy", "U", "S", "F", "nEff", "tEff"};

    /** All values of this row in CSV column order. */
    public double[] values() {
        double[][] blocks = blocks();
        int n = headCvAnswer.length;
        double[] sc = {step, epoch, trainLoss, trainAcc, valLoss, valAcc, cvAnswer, cvMean, cvProxy, u, s, f, nEff,
            tEff, weightNorm};
        double[] out = new double[sc.length + blocks.length * n];
        System.arraycopy(sc, 0, out, 0, sc.length);
        for (int b = 0; b < blocks.length; b++) System.arraycopy(blocks[b], 0, out, sc.length + b * n, n);
        return out;
    }

    private double[][] blocks() {
        return new double[][] {headCvAnswer, headCvMean, headCvProxy, headU, headS, headF, headNEff, headTEff};
    }

    /** The row stored by {@link #values()}, for {@code heads} heads in total. */
    public static EvalRow fromValues(double[] v, int heads) {
        if (v.length != SCALARS.length + HEAD_BLOCKS.length * heads) {
            throw new io.thermoscope.InvalidInputException("an evaluation row holds " + v.length + " values, expected "
                    + (SCALARS.length + HEAD_BLOCKS.length * heads));
        }
        double[][] b = new double[HEAD_BLOCKS.length][heads];
        for (int i = 0; i < b.length; i++) System.arraycopy(v, SCALARS.length + i * heads, b[i], 0, heads);
        return new EvalRow((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
    }

    /** CSV header for a model with {@code layers} × {@code heads} heads. */
    public static String header(int layers, int heads) {
        StringBuilder sb = new StringBuilder(String.join(",", SCALARS));
        for (String b : HEAD_BLOCKS) {
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) sb.append(',').append(b).append("_L").append(l).append('H').append(h);
            }
        }
        return sb.toString();
    }
}
