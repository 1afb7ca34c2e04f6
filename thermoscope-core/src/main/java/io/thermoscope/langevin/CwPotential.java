package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

/**
 * The logarithmic (Coleman–Weinberg) potential V(Φ) = α|Φ|² + β|Φ|² ln(|Φ|²/v²) (Eq. 38; Eq. 29 with m² = α,
 * λ = β), written in u = |Φ|². At u = 0 the limit V = 0 and gradient 0 are used (u ln u → 0).
 *
 * @param beta strength β ≥ 0 of the logarithmic term
 * @param v    scale v &gt; 0 inside the logarithm
 */
public record CwPotential(double beta, double v) {

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
    public double value(double u, double alpha) {
        return u * (alpha + beta * logRatio(u)); // V = αΦ² + βΦ² ln(Φ²/v²) (Eq. 38)
    }

    /** dV/du = α + β(ln(u/v²) + 1); the gradient in each real component c is 2c·dV/du. */
    public double dVdu(double u, double alpha) {
        return alpha + beta * (logRatio(u) + 1); // ∂V/∂(Φ²) from Eq. 38
    }

    /** |Φ|² of the minimum: v² exp(−1 − α/β) for β &gt; 0 (dV/du = 0); 0 when β = 0 and α &gt; 0. */
    public double minimumU(double alpha) {
        if (beta == 0) {
            return alpha > 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return v * v * Math.exp(-1 - alpha / beta); // dV/du = 0 (Eq. 38)
    }

    /** The minimum of V: −β·u_min for β &gt; 0 (value at the vacuum), 0 for the harmonic well. */
    public double minimumValue(double alpha) {
        if (beta == 0) {
            return alpha > 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        return -beta * minimumU(alpha); // V(u_min) = u_min(α + β(−1 − α/β)) = −β u_min
    }
}
