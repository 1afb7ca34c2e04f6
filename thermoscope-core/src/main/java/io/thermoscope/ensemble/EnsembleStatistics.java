package io.thermoscope.ensemble;

/**
 * Equilibrium thermodynamics of one Boltzmann ensemble of energies at temperature T (Kim 2026, Eqs. 23–28).
 *
 * @param T          temperature (structural: √d_k for attention)
 * @param n          number of states (keys)
 * @param logZ       ln Z, Z = Σ exp(−E_i/T) (Eq. 23)
 * @param F          Helmholtz free energy −T ln Z (Eq. 24)
 * @param U          internal energy ⟨E⟩ = Σ p_i E_i (Eq. 24)
 * @param S          Shannon entropy −Σ p_i ln p_i (Eq. 12, 24)
 * @param Cv         specific heat Var(E)/T² (Eq. 28)
 * @param varE       energy variance Σ p_i (E_i − U)²
 * @param nEff       participation ratio 1/Σ p_i², the effective number of attended keys
 * @param fisherBeta Fisher information I(β) of β = 1/T, set to Var(E) by the exponential-family identity
 *                   I(β) = E[(∂_β ln p)²] = Var(E), which {@link FisherInformation} checks by finite differences;
 *                   C_V = β² I(β)
 * @param eMin       ground-state energy min_i E_i
 */
public record EnsembleStatistics(double T, int n, double logZ, double F, double U, double S, double Cv,
                                 double varE, double nEff, double fisherBeta, double eMin) {
    /**
     * The same ensemble with energies and T multiplied by {@code f} (a power of two, so exactly): energy-valued
     * quantities scale by f (variances by f²), the dimensionless ones (ln Z, S, C_v, N_eff) do not. A value that
     * leaves the double range becomes ±∞.
     */
    public EnsembleStatistics withEnergyScale(double f) {
        return new EnsembleStatistics(T * f, n, logZ, F * f, U * f, S, Cv, varE * f * f, nEff, fisherBeta * f * f,
                eMin * f);
    }
}
