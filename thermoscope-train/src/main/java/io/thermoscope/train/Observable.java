package io.thermoscope.train;

import java.util.function.ToDoubleFunction;

/**
 * A curve of a run whose extremum inside the plateau is tested as a precursor of grokking: C_v itself (the "="
 * query and the mean over queries) and the controls the same rule is applied to. For the train loss and T_eff
 * the extremum is a minimum (the curve is negated before the peak search).
 */
public enum Observable {
    /** C_v (Eq. 28) of the "=" query, head-averaged: the claim's observable. */
    CV_ANSWER("C_v of the \"=\" query", false, EvalRow::cvAnswer),
    /** C_v averaged over the queries with ≥ 2 keys, head-averaged. */
    CV_MEAN("C_v averaged over queries", false, EvalRow::cvMean),
    /** The experiment's proxy Var(QKᵀ/√d_k) (control). */
    CV_PROXY("proxy Var(QKᵀ/√d_k) peak", true, EvalRow::cvProxy),
    /** The L2 norm of all weights (control). */
    WEIGHT_NORM("weight-norm maximum", true, EvalRow::weightNorm),
    /** The training loss; its minimum (control). */
    TRAIN_LOSS_MIN("train-loss minimum", true, r -> -r.trainLoss()),
    /** T_eff (Eq. 27); its minimum (control). */
    T_EFF_MIN("T_eff minimum (Eq. 27)", true, r -> -r.tEff());

    private final String label;
    private final boolean control;
    private final ToDoubleFunction<EvalRow> signal;

    Observable(String label, boolean control, ToDoubleFunction<EvalRow> signal) {
        this.label = label;
        this.control = control;
        this.signal = signal;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }

    /** Whether it is a control (not C_v). */
    public boolean control() {
        return control;
    }

    /** The curve whose maxima are searched (negated for minima). */
    public double signal(EvalRow row) {
        return signal.applyAsDouble(row);
    }
}
