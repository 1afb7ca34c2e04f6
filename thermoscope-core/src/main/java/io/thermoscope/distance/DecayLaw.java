package io.thermoscope.distance;

/**
 * A fitted decay law p(d) ∝ d^−γ e^−λd (polylog chapter §22.4).
 *
 * @param gamma     decay exponent γ (NaN when nothing could be fitted)
 * @param lambda    exponential cut-off λ ≥ 0 (0 when not fitted)
 * @param converged whether the fit converged
 */
public record DecayLaw(double gamma, double lambda, boolean converged) {
}
