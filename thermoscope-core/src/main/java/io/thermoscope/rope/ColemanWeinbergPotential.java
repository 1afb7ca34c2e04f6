package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;

/**
 * The logarithmic (Coleman–Weinberg) potential of the order parameter (Kim 2026, Eqs. 29 and 38 with Φ² → |Φ|²):
 * V(Φ) = α|Φ|² + β|Φ|² ln(|Φ|²/v²), β &gt; 0, v &gt; 0. It depends on |Φ| only (global U(1) symmetry).
 *
 * <p>Closed forms (r = |Φ|): V'(r) = 2r[α + β + β ln(r²/v²)], so the vacuum manifold is the circle
 * r_min = v·exp(−(α + β)/(2β)); V''(r) = 2(α + 3β) + 2β ln(r²/v²), hence the radial (Higgs) curvature at the
 * minimum is V''(r_min) = 4β, independent of α and v, and V(r_min) = −β r_min². In the (Re Φ, Im Φ) plane the
 * Hessian at a vacuum point has eigenvalues 4β (radial) and V'(r_min)/r_min = 0 (angular: the Goldstone mode).
 *
 * @param alpha α (the paper's m² in Eq. 29, α(t) in Eq. 38), finite
 * @param beta  β &gt; 0 (λ in Eq. 29)
 * @param v     the scale v &gt; 0
 */
public record ColemanWeinbergPotential(double alpha, double beta, double v) {
    /** Validates the parameters. */
    public ColemanWeinbergPotential {
        InvalidInputException.requireFinite("alpha", alpha);
        InvalidInputException.requirePositive("beta", beta);
        InvalidInputException.requirePositive("v", v);
    }

    /** The paper's Fig. 1 potential |Φ|² ln|Φ|² (α = 0, β = 1, v = 1). */
    public static ColemanWeinbergPotential figureOne() {
        return new ColemanWeinbergPotential(0, 1, 1);
    }

    /** V(r) for r = |Φ| ≥ 0 (V(0) = 0, the limit r² ln r² → 0). */
    public double value(double r) {
        double r2 = r * r;
        if (r2 == 0) return 0;
        return alpha * r2 + beta * r2 * (2 * Math.log(Math.abs(r) / v)); // V = α|Φ|² + β|Φ|² ln(|Φ|²/v²) (Eq. 29/38)
    }

    /** V(Φ) at Φ = re + i·im. */
    public double value(double re, double im) {
        return value(Math.hypot(re, im));
    }

    /** V'(r) = 2r[α + β + β ln(r²/v²)]. */
    public double radialDerivative(double r) {
        if (r == 0) return 0;
        return 2 * r * (alpha + beta + 2 * beta * Math.log(Math.abs(r) / v)); // dV/dr of Eq. 29
    }

    /** V''(r) = 2(α + 3β) + 2β ln(r²/v²). */
    public double radialCurvature(double r) {
        return 2 * (alpha + 3 * beta) + 4 * beta * Math.log(Math.abs(r) / v); // d²V/dr² of Eq. 29
    }

    /** The vacuum radius r_min = v exp(−(α + β)/(2β)) where V'(r) = 0 (the vacuum manifold |Φ| = r_min). */
    public double vacuumRadius() {
        return v * Math.exp(-(alpha + beta) / (2 * beta)); // V'(r) = 0 ⇔ ln(r²/v²) = −(α+β)/β
    }

    /** V(r_min) = −β r_min². */
    public double vacuumEnergy() {
        double r = vacuumRadius();
        return -beta * r * r;
    }

    /** The radial (Higgs) curvature at the vacuum, V''(r_min) = 4β. */
    public double higgsCurvature() {
        return 4 * beta; // V''(r_min) = 2(α+3β) − 2(α+β) = 4β
    }
}
