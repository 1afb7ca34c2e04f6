package io.thermoscope.ensemble;

import io.thermoscope.InvalidInputException;

/**
 * An independent check of the variational statement (Kim 2026, Eqs. 8–12): minimise
 * F[ρ] = Σ ρ_i E_i + T Σ ρ_i ln ρ_i over the probability simplex by mirror descent (exponentiated gradient with
 * Armijo backtracking), using only the gradient ∂F/∂ρ_i = E_i + T(ln ρ_i + 1) — never the softmax formula.
 * Convergence is certified by the KKT residual: at the minimum all ∂F/∂ρ_i on the support are equal (Eq. 19).
 */
public final class FreeEnergyMinimiser {

    /**
     * Outcome of a minimisation.
     *
     * @param rho          the minimising distribution
     * @param freeEnergy   F[ρ] at the minimiser (Eq. 12)
     * @param kktResidual  max_i |∂F/∂ρ_i − Σ_j ρ_j ∂F/∂ρ_j|, zero exactly at the stationary point (Eq. 19)
     * @param iterations   mirror-descent steps taken
     * @param converged    whether the residual fell below the tolerance
     */
    public record Result(double[] rho, double freeEnergy, double kktResidual, int iterations, boolean converged) {
    }

    private final double tolerance;
    private final int maxIterations;

    /** A minimiser that stops when the KKT residual is below {@code tolerance}·max(1, T, max|E|) or after {@code maxIterations}. */
    public FreeEnergyMinimiser(double tolerance, int maxIterations) {
        this.tolerance = InvalidInputException.requirePositive("tolerance", tolerance);
        if (maxIterations < 1) throw new InvalidInputException("maxIterations must be >= 1, got " + maxIterations);
        this.maxIterations = maxIterations;
    }

    /** Default settings: residual 1e-13·max(1, T, max|E|), at most 100 000 steps. */
    public FreeEnergyMinimiser() {
        this(1e-13, 100_000);
    }

    /** Minimises F[ρ] for {@code energies} at temperature {@code T}, starting from the uniform distribution. */
    public Result minimise(double[] energies, double T) {
        BoltzmannEnsemble.validate(energies, 0, energies.length, T);
        int n = energies.length;
        double[] logRho = new double[n];
        java.util.Arrays.fill(logRho, -Math.log(n));
        double[] grad = new double[n];
        double[] trial = new double[n];
        double f = freeEnergy(energies, logRho, T);
        double scale = Math.max(1.0, T);
        for (double e : energies) scale = Math.max(scale, Math.abs(e)); // the gradient's magnitude sets its rounding floor
        double eta = 0.5 / T; // first step: half the natural step 1/T; adapted by backtracking below
        int it = 0;
        double residual = Double.POSITIVE_INFINITY;
        double[] trialGrad = new double[n];
        residual = gradient(energies, logRho, T, grad);
        while (it < maxIterations && residual > tolerance * scale) {
            it++;
            double fTrial, trialResidual;
            while (true) {
                // Mirror step on the simplex: ln ρ' = ln ρ − η ∂F/∂ρ, then renormalise (log-sum-exp).
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    trial[i] = logRho[i] - eta * grad[i];
                    m = Math.max(m, trial[i]);
                }
                double s = 0;
                for (int i = 0; i < n; i++) s += Math.exp(trial[i] - m);
                double lse = m + Math.log(s);
                for (int i = 0; i < n; i++) trial[i] -= lse;
                fTrial = freeEnergy(energies, trial, T);
                trialResidual = gradient(energies, trial, T, trialGrad);
                // accept a decrease of F, or — once F is flat to rounding — a decrease of the KKT residual
                if (fTrial < f || trialResidual < residual) break;
                eta *= 0.5; // backtracking
                if (eta < 1e-30 / T) break;
            }
            if (!(fTrial < f || trialResidual < residual)) break; // stagnated at the rounding floor
            double[] tmp = logRho;
            logRho = trial;
            trial = tmp;
            tmp = grad;
            grad = trialGrad;
            trialGrad = tmp;
            f = fTrial;
            residual = trialResidual;
            eta = Math.min(eta * 1.5, 0.9 / T); // grow again, but never to the one-step closed form 1/T
        }
        double[] rho = new double[n];
        for (int i = 0; i < n; i++) rho[i] = Math.exp(logRho[i]);
        return new Result(rho, f, residual, it, residual <= tolerance * scale);
    }

    /** F[ρ] = Σ ρ_i E_i + T Σ ρ_i ln ρ_i from log-probabilities (Eq. 12). */
    static double freeEnergy(double[] e, double[] logRho, double T) {
        double f = 0;
        for (int i = 0; i < e.length; i++) {
            double r = Math.exp(logRho[i]);
            if (r > 0) f += r * (e[i] + T * logRho[i]); // internal energy + T × negative entropy (Eq. 12)
        }
        return f;
    }

    /** Fills ∂F/∂ρ_i = E_i + T(ln ρ_i + 1) (Eq. 17's potential part) and returns the KKT residual. */
    private static double gradient(double[] e, double[] logRho, double T, double[] g) {
        double mean = 0;
        for (int i = 0; i < e.length; i++) {
            g[i] = e[i] + T * (logRho[i] + 1);
            mean += Math.exp(logRho[i]) * g[i];
        }
        double r = 0;
        for (int i = 0; i < e.length; i++) {
            if (Math.exp(logRho[i]) > 0) r = Math.max(r, Math.abs(g[i] - mean));
        }
        return r;
    }
}
