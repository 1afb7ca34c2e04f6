package io.thermoscope.train;

/**
 * One evaluation of a run: losses and accuracies, and the monitor's head-averaged and per-head thermodynamics.
 * Per-head arrays are indexed layer·heads + head.
 *
 * @param step        optimiser steps taken
 * @param epoch       passes over the training set (step · batch / N_train)
 * @param trainLoss   mean cross-entropy on the whole training set
 * @param trainAcc    accuracy on the training set
 * @param valLoss     mean cross-entropy on the validation set
 * @param valAcc      accuracy on the validation set
 * @param cv          C_v (Eq. 28) averaged over all heads
 * @param cvProxy     Var(QKᵀ/√d_k) averaged over all heads
 * @param u           mean internal energy, averaged over heads
 * @param s           mean entropy, averaged over heads
 * @param f           mean free energy, averaged over heads
 * @param nEff        mean participation ratio, averaged over heads
 * @param tEff        T_eff (Eq. 27) averaged over heads
 * @param weightNorm  L2 norm of all parameters together
 * @param headCv      per-head C_v
 * @param headCvProxy per-head cvProxy
 * @param headU       per-head U
 * @param headS       per-head S
 * @param headF       per-head F
 * @param headNEff    per-head N_eff
 * @param headTEff    per-head T_eff
 */
public record EvalRow(int step, double epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
                      double cv, double cvProxy, double u, double s, double f, double nEff, double tEff,
                      double weightNorm, double[] headCv, double[] headCvProxy, double[] headU, double[] headS,
                      double[] headF, double[] headNEff, double[] headTEff) {

    /** Names of the scalar columns, in CSV order (then the per-head blocks). */
    public static final String[] SCALARS = {"step", "epoch", "trainLoss", "trainAcc", "valLoss", "valAcc", "cv",
        "cvProxy", "U", "S", "F", "nEff", "tEff", "weightNorm"};

    /** Names of the per-head column blocks, in CSV order; each becomes {@code name_L{l}H{h}}. */
    public static final String[] HEAD_BLOCKS = {"cv", "cvProxy", "U", "S", "F", "nEff", "tEff"};

    /** All values of this row in CSV column order. */
    public double[] values() {
        double[][] blocks = {headCv, headCvProxy, headU, headS, headF, headNEff, headTEff};
        int n = headCv.length;
        double[] out = new double[SCALARS.length + blocks.length * n];
        double[] sc = {step, epoch, trainLoss, trainAcc, valLoss, valAcc, cv, cvProxy, u, s, f, nEff, tEff, weightNorm};
        System.arraycopy(sc, 0, out, 0, sc.length);
        for (int b = 0; b < blocks.length; b++) System.arraycopy(blocks[b], 0, out, sc.length + b * n, n);
        return out;
    }

    /** The row stored by {@link #values()}, for {@code heads} heads in total. */
    public static EvalRow fromValues(double[] v, int heads) {
        double[][] blocks = new double[HEAD_BLOCKS.length][heads];
        for (int b = 0; b < blocks.length; b++) System.arraycopy(v, SCALARS.length + b * heads, blocks[b], 0, heads);
        return new EvalRow((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], blocks[0], blocks[1], blocks[2], blocks[3], blocks[4], blocks[5], blocks[6]);
    }

    /** CSV header for a model with {@code layers} × {@code heads} heads. */
    public static String header(int layers, int heads) {
        StringBuilder sb = new StringBuilder(String.join(",", SCALARS));
        for (String b : HEAD_BLOCKS) {
            for (int l = 0; l < layers; l++) for (int h = 0; h < heads; h++) sb.append(',').append(b).append("_L").append(l).append('H').append(h);
        }
        return sb.toString();
    }
}
