package io.thermoscope.langevin;

/**
 * A potential V(Φ; α) of an order parameter that depends on |Φ|² = u only, with its phase structure in closed form:
 * whether the origin is a minimum (a disordered phase), where the ordered minimum lies, how curved it is, and the α
 * at which the origin loses stability. The paper's logarithmic potential ({@link CwPotential}, Eq. 38) and the Landau
 * φ⁴ potential ({@link LandauPotential}, the textbook disorder→order transition) share this interface, so the same
 * equilibrium law ({@link StationaryLaw}) and the same phase analysis ({@link PhaseStructure}) apply to both.
 */
public sealed interface OrderParameterPotential permits CwPotential, LandauPotential {

    /** V at u = |Φ|² for the given α. */
    double value(double u, double alpha);

    /** |Φ|² of the global minimum (0 in a disordered phase). */
    double minimumU(double alpha);

    /** The minimum of V over Φ. */
    double minimumValue(double alpha);

    /** Whether exp(−V/D) is normalisable at this α (V grows without bound). */
    boolean confining(double alpha);

    /** Whether Φ = 0 is a local minimum of V at this α: a disordered phase. */
    boolean originIsMinimum(double alpha);

    /** ∂²V/∂Φ² along a real component at the global minimum (the mass of the order parameter). */
    double vacuumCurvature(double alpha);

    /** The α at which the origin changes from minimum to maximum (the disorder→order transition); NaN if there is none. */
    double criticalAlpha();

    /** A length in |Φ| over which V changes by about D near the minimum: the first bracket of quadratures. */
    double radialScale(double alpha, double noise);

    /** A short description with the constants, e.g. "αΦ² + 1·Φ² ln(Φ²/1²)". */
    String describe();
}
