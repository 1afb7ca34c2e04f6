package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;
import io.thermoscope.decision.Numbers;

/**
 * The logarithmic (Coleman–Weinberg) potential V(Φ) = α|Φ|² + β|Φ|² ln(|Φ|²/v²) (Eq. 38; Eq. 29 with m² = α,
 * λ = β), written in u = |Φ|². At u = 0 the limit V = 0 and gradient 0 are used (u ln u → 0).
 *
 * @param beta strength β ≥ 0 of the logarithmic term
 * @param v    scale v &gt; 0 inside the logarithm
 */
public record CwPotential(double beta, double v) implements OrderParameterPotential {

    /** Validates β ≥ 0 and v &gt; 0, both finite. */
    public CwPotential {
        InvalidInputException.requireFinite("beta", beta);
        if (beta < 0) {
            throw new InvalidInputException("beta must be >= 0, got " + beta);
        }
        InvalidInputException.requirePositive("v", v);
    }

    /** ln(u/v²), clamped at u = 0 to a finite value so that u·ln → 0 exactly. */
    public double logRatio(double u) {
        return Math.log(Math.max(u / (v * v), Double.MIN_NORMAL));
    }

    /** V at u = |Φ|² for the given α: αu + βu ln(u/v²) (Eq. 38). */
    @Override
    public double value(double u, double alpha) {
        return u * (alpha + beta * logRatio(u)); // V = αΦ² + βΦ² ln(Φ²/v²) (Eq. 38)
    }

    /** dV/du = α + β(ln(u/v²) + 1); the gradient in each real component c is 2c·dV/du. */
    public double dVdu(double u, double alpha) {
        return alpha + beta * (logRatio(u) + 1); // ∂V/∂(Φ²) from Eq. 38
    }

    /** |Φ|² of the minimum: v² exp(−1 − α/β) for β &gt; 0 (dV/du = 0); 0 when β = 0 and α &gt; 0. */
    @Override
    public double minimumU(double alpha) {
        if (beta == 0) {
            return alpha > 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return v * v * Math.exp(-1 - alpha / beta); // dV/du = 0 (Eq. 38)
    }

    /** The minimum of V: −β·u_min for β &gt; 0 (value at the vacuum), 0 for the harmonic well. */
    @Override
    public double minimumValue(double alpha) {
        if (beta == 0) {
            return alpha > 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        return -beta * minimumU(alpha); // V(u_min) = u_min(α + β(−1 − α/β)) = −β u_min
    }

    /** Normalisable for β &gt; 0 (the logarithm wins at large |Φ|) or for the harmonic well with α &gt; 0. */
    @Override
    public boolean confining(double alpha) {
        return beta > 0 || alpha > 0;
    }

    /**
     * For β &gt; 0 never: near Φ = 0, V ≈ βΦ² ln Φ² &lt; 0 with curvature 2α + 2β(ln(Φ²/v²) + 3) → −∞, so the origin is a
     * local maximum at every α and there is no disordered phase (α only moves the vacuum); for β = 0 when α &gt; 0.
     */
    @Override
    public boolean originIsMinimum(double alpha) {
        return beta == 0 && alpha > 0;
    }

    /** 4β at the vacuum for every α when β &gt; 0 (V'' = 2(α + β ln(Φ²/v²) + β) + 4β, the bracket vanishing there); 2α for β = 0. */
    @Override
    public double vacuumCurvature(double alpha) {
        return beta > 0 ? 4 * beta : 2 * alpha;
    }

    /** None: for β &gt; 0 the origin is a maximum at every α, for β = 0 there is no ordered phase. */
    @Override
    public double criticalAlpha() {
        return Double.NaN;
    }

    @Override
    public double radialScale(double alpha, double noise) {
        return Math.sqrt(noise / Math.max(Math.abs(alpha) + beta, 1e-300));
    }

    @Override
    public String describe() {
        return "αΦ² + " + Numbers.constant(beta) + "·Φ² ln(Φ²/" + Numbers.constant(v * v)
                + ") (Coleman–Weinberg, Eq. 38)";
    }
}
