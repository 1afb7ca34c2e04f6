package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The three checks of RoPE as a Goldstone mode (Kim 2026 §V.C) on random Gaussian queries and keys:
 * (1) q·k after RoPE depends only on the relative position (compared with the closed form
 * {@link RotaryEmbedding#relativeDot} and with a common shift of both positions); (2) a global phase rotation of
 * every position leaves every attention energy unchanged (ΔE = 0, Eq. 36); (3) the Hessian of the U(1) potential at
 * the vacuum has a zero (angular, Goldstone) and a 4β (radial, Higgs) eigenvalue ({@link GoldstoneCheck}).
 */
public final class RopeCheck {
    /** Tolerance of checks (1) and (2), relative to |q||k|. */
    public static final double DOT_TOLERANCE = 1e-12;
    /** Tolerance of check (3), relative to 4β. */
    public static final double HESSIAN_TOLERANCE = 1e-6;

    /**
     * Check parameters.
     *
     * @param dimension   RoPE dimension d (even)
     * @param base        frequency base
     * @param tokens      number of random (q, k) vectors
     * @param maxPosition positions are drawn uniformly from [0, maxPosition]
     * @param seed        random seed
     * @param potential   the U(1) potential of check (3)
     */
    public record Config(int dimension, double base, int tokens, int maxPosition, long seed, ColemanWeinbergPotential potential) {
        /**
         * Validates the configuration, and refuses up front what the check cannot do here: a vacuum radius outside
         * [1e-140, 1e140] (the finite-difference Hessian needs h² = 1e-6 r² and V ~ β r² within the double range),
         * or more memory or time than {@link io.thermoscope.Budget} allows.
         */
        public Config {
            if (dimension < 2 || dimension % 2 != 0) {
                throw new InvalidInputException("the RoPE dimension must be even and >= 2, got " + dimension);
            }
            InvalidInputException.requirePositive("the RoPE base", base);
            if (tokens < 2) throw new InvalidInputException("tokens must be >= 2, got " + tokens);
            if (maxPosition < 1) throw new InvalidInputException("max position must be >= 1, got " + maxPosition);
            if (potential == null) throw new InvalidInputException("a potential is required");
            // ln r_min = ln v − (α + β)/(2β), in logarithms so that it is finite for any finite α, β, v
            double lnR = Math.log(potential.v()) - (0.5 * potential.alpha() / potential.beta() + 0.5);
            double lnVacuumEnergy = Math.log(potential.beta()) + 2 * lnR;
            if (!(Math.abs(lnR) <= 322 && Math.abs(lnVacuumEnergy) <= 650)) {
                throw new InvalidInputException(String.format(java.util.Locale.ROOT,
                        "alpha = %s, beta = %s, v = %s put the vacuum at |Phi| = e^%.4g (V = -beta |Phi|^2 = -e^%.4g):"
                                + " the Hessian check needs 1e-140 <= |Phi| <= 1e140 and beta |Phi|^2 within 1e-282 .. 1e282",
                        potential.alpha(), potential.beta(), potential.v(), lnR, lnVacuumEnergy));
            }
            String what = String.format(java.util.Locale.ROOT, "rope-check with dimension %d and %d tokens",
                    dimension, tokens);
            // q, k, their rotations: 4 tokens × d doubles; energies before and after the phase: 2 tokens²
            io.thermoscope.Budget.requireMemory(what, 8.0 * (4.0 * tokens * dimension + 2.0 * tokens * tokens));
            // 3 rotations (d/2 sine-cosine pairs each, ~25 ns a pair) for each of the tokens² (query, key) pairs
            io.thermoscope.Budget.requireTime(what, 3.0 * tokens * tokens * (dimension / 2.0) * 25e-9);
        }

        /**
         * Tolerance of checks (1) and (2), relative to |q||k|: {@link #DOT_TOLERANCE}, widened by the rounding of
         * the angles p·θ_i (θ₀ = 1, |p| ≤ 1.5·maxPosition with the shifts) and of the d-term dot products:
         * 16 ε (1.5 maxPosition + d).
         */
        public double dotTolerance() {
            return DOT_TOLERANCE + 16 * Math.ulp(1.0) * (1.5 * maxPosition + dimension);
        }
    }

    /**
     * The outcome; errors are relative to |q||k| (checks 1–2) or to 4β (check 3).
     *
     * @param config                      the parameters
     * @param maxRelativePositionError    max |(R_m q)·(R_n k) − closed form(m − n)|/(|q||k|)
     * @param maxShiftError               max |(R_{m+s} q)·(R_{n+s} k) − (R_m q)·(R_n k)|/(|q||k|) over random shifts s
     * @param maxGlobalPhaseDeltaE        max |ΔE_mn|/(|q||k|/√d) under a random global phase on every position (Eq. 36)
     * @param goldstone                   Hessian checks at several vacuum phases
     * @param passed                      all errors within tolerance
     */
    public record Result(Config config, double maxRelativePositionError, double maxShiftError, double maxGlobalPhaseDeltaE,
                         List<GoldstoneCheck.Result> goldstone, boolean passed) {
    }

    private RopeCheck() {
    }

    /** Runs the three checks. */
    public static Result run(Config c) {
        RotaryEmbedding rope = new RotaryEmbedding(c.dimension(), c.base());
        SplittableRandom rnd = new SplittableRandom(c.seed());
        int d = c.dimension(), n = c.tokens();
        double[][] q = new double[n][d], k = new double[n][d];
        double[] pos = new double[n], qNorm = new double[n], kNorm = new double[n];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                q[t][j] = rnd.nextGaussian();
                k[t][j] = rnd.nextGaussian();
            }
            pos[t] = rnd.nextLong(c.maxPosition() + 1L);
            qNorm[t] = Math.sqrt(RotaryEmbedding.dot(q[t], q[t]));
            kNorm[t] = Math.sqrt(RotaryEmbedding.dot(k[t], k[t]));
        }
        double relErr = 0, shiftErr = 0;
        for (int m = 0; m < n; m++) {
            double[] rq = rope.rotate(q[m], pos[m]);
            for (int j = 0; j < n; j++) {
                double got = RotaryEmbedding.dot(rq, rope.rotate(k[j], pos[j]));
                double scale = qNorm[m] * kNorm[j];
                relErr = Math.max(relErr, Math.abs(got - rope.relativeDot(q[m], k[j], pos[m] - pos[j])) / scale);
                double s = rnd.nextLong(c.maxPosition() + 1L) - 0.5 * c.maxPosition();
                double shifted = RotaryEmbedding.dot(rope.rotate(q[m], pos[m] + s), rope.rotate(k[j], pos[j] + s));
                shiftErr = Math.max(shiftErr, Math.abs(shifted - got) / scale);
            }
        }
        double[] phase = new double[d / 2];
        for (int i = 0; i < phase.length; i++) phase[i] = 2 * Math.PI * rnd.nextDouble();
        double[][] e0 = rope.energies(q, pos, k, pos, null), e1 = rope.energies(q, pos, k, pos, phase);
        double dE = 0;
        for (int m = 0; m < n; m++) {
            for (int j = 0; j < n; j++) {
                double scale = qNorm[m] * kNorm[j] / Math.sqrt(d);
                dE = Math.max(dE, Math.abs(e1[m][j] - e0[m][j]) / scale); // ΔE = E(Φe^{iφ}) − E(Φ) = 0 (Eq. 36)
            }
        }
        List<GoldstoneCheck.Result> gs = new ArrayList<>();
        boolean hessOk = true;
        for (int p = 0; p < 8; p++) {
            GoldstoneCheck.Result g = GoldstoneCheck.at(c.potential(), 2 * Math.PI * p / 8 + 0.1);
            gs.add(g);
            hessOk &= g.radialRelativeError() <= HESSIAN_TOLERANCE && g.angularRelativeError() <= HESSIAN_TOLERANCE;
        }
        double tol = c.dotTolerance();
        boolean ok = relErr <= tol && shiftErr <= tol && dE <= tol && hessOk;
        return new Result(c, relErr, shiftErr, dE, gs, ok);
    }
}
