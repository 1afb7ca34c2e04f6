package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;
import io.thermoscope.decision.Numbers;

/**
 * The Landau φ⁴ potential V(Φ) = α|Φ|² + b|Φ|⁴, b &gt; 0, in u = |Φ|²: V = αu + bu². For α ≥ 0 the origin is the only
 * minimum (disordered phase); for α &lt; 0 it is a maximum and the minimum sits at u = −α/(2b) with V = −α²/(4b)
 * (ordered phase). The transition is at α_c = 0, where the mass of the order parameter vanishes (curvature 2α above,
 * −4α below). The positive control for the claim that C_v peaks at a disorder→order transition.
 *
 * @param b strength of the quartic term, &gt; 0
 */
public record LandauPotential(double b) implements OrderParameterPotential {

    /** Validates b &gt; 0, finite. */
    public LandauPotential {
        InvalidInputException.requirePositive("b", b);
    }

    @Override
    public double value(double u, double alpha) {
        return u * (alpha + b * u); // V = αΦ² + bΦ⁴ (Landau)
    }

    @Override
    public double minimumU(double alpha) {
        return alpha < 0 ? -alpha / (2 * b) : 0; // dV/du = α + 2bu = 0
    }

    @Override
    public double minimumValue(double alpha) {
        return alpha < 0 ? -alpha * alpha / (4 * b) : 0; // V(u_min) = −α²/(4b)
    }

    @Override
    public boolean confining(double alpha) {
        return true;
    }

    @Override
    public boolean originIsMinimum(double alpha) {
        return alpha >= 0; // V ≈ αΦ² (+ bΦ⁴ at α = 0) near the origin
    }

    @Override
    public double vacuumCurvature(double alpha) {
        return alpha < 0 ? -4 * alpha : 2 * alpha; // V'' = 2α + 12bΦ² at Φ² = u_min
    }

    @Override
    public double criticalAlpha() {
        return 0;
    }

    @Override
    public double radialScale(double alpha, double noise) {
        return Math.sqrt(noise / (Math.abs(alpha) + Math.sqrt(b * noise))); // quadratic or quartic thermal width
    }

    @Override
    public String describe() {
        return "αΦ² + " + Numbers.constant(b) + "·Φ⁴ (Landau)";
    }
}
