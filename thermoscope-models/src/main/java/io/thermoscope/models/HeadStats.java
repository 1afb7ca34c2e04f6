package io.thermoscope.models;

/**
 * The thermodynamics of one attention head, aggregated over every query of every prompt (query-weighted means).
 *
 * @param layer    layer index from 0
 * @param head     head index from 0
 * @param T        temperature √d_k (Eq. 9)
 * @param queries  number of queries aggregated
 * @param logZ     mean ln Z (Eq. 23)
 * @param F        mean free energy −T ln Z (Eq. 24)
 * @param U        mean internal energy ⟨E⟩ (Eq. 24)
 * @param S        mean entropy (Eq. 24)
 * @param Cv       mean specific heat Var(E)/T² (Eq. 28)
 * @param CvStd    standard deviation of C_v over queries
 * @param nEff     mean participation ratio 1/Σp² of the attention rows
 * @param gamma    decay exponent γ of attention mass against distance (MLE of d^−γ e^−λd; NaN when not fitted)
 * @param gammaLo  lower bound of γ's bootstrap interval
 * @param gammaHi  upper bound of γ's bootstrap interval
 * @param lambda   exponential cut-off λ
 * @param lambdaLo lower bound of λ's interval
 * @param lambdaHi upper bound of λ's interval
 * @param gammaOls log–log OLS slope γ of the mean profile (power law only)
 * @param phase    "A" (γ &lt; 1), "B" (γ &gt; 1) or "crossover"; "none" when there was nothing to fit
 * @param decayR2  R² of the fitted law against the mean profile (log space)
 * @param profiles distance profiles used in the fit
 */
public record HeadStats(int layer, int head, double T, long queries, double logZ, double F, double U, double S,
                        double Cv, double CvStd, double nEff, double gamma, double gammaLo, double gammaHi,
                        double lambda, double lambdaLo, double lambdaHi, double gammaOls, String phase, double decayR2,
                        int profiles) {
}
