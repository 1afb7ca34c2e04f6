package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;
import io.thermoscope.peaks.Peak;
import io.thermoscope.peaks.PeakFinder;

import java.util.Optional;

/**
 * The equilibrium phase structure of a potential over a range of α, from its closed forms, next to the exact
 * equilibrium specific heat C_v(α) = Var(V)/D² of exp(−V/D) ({@link StationaryLaw}): the evidence for "C_v peaks at a
 * disorder→order transition". A disordered phase is an α where the origin is a minimum of V; an ordered phase one
 * where the minimum sits at |Φ| &gt; 0; the transition is the α where the origin loses stability.
 *
 * <p>A finite system has no sharp transition: the crossover spans the α over which the barrier V(0) − V_min between
 * the ordered minimum and the disordered state grows from 0 to a few D (beyond, walkers no longer cross it).
 * {@link #window} measures that span.
 *
 * @param potential       the potential
 * @param field           real or complex order parameter
 * @param noise           D, the temperature of the law exp(−V/D)
 * @param alpha           the α grid, increasing
 * @param cv              exact equilibrium C_v at each α
 * @param disorderedPhase whether the origin is a minimum at some α of the grid
 * @param orderedPhase    whether the minimum lies at |Φ| &gt; 0 at some α of the grid
 * @param alphaCritical   the transition's α if it lies inside the range, NaN otherwise
 * @param curvatureLow    ∂²V/∂Φ² at the minimum at the smallest α
 * @param curvatureHigh   ∂²V/∂Φ² at the minimum at the largest α
 */
public record PhaseStructure(OrderParameterPotential potential, FieldKind field, double noise, double[] alpha, double[] cv,
                             boolean disorderedPhase, boolean orderedPhase, double alphaCritical, double curvatureLow,
                             double curvatureHigh) {

    /** The phase structure over [alphaLow, alphaHigh] with the exact C_v on {@code points} equally spaced α. */
    public static PhaseStructure of(OrderParameterPotential potential, FieldKind field, double noise, double alphaLow,
                                    double alphaHigh, int points) {
        InvalidInputException.requireFinite("alpha low", alphaLow);
        InvalidInputException.requireFinite("alpha high", alphaHigh);
        if (!(alphaLow < alphaHigh) || points < 3) {
            throw new InvalidInputException("need alpha low < alpha high and at least 3 points");
        }
        double[] a = new double[points], c = new double[points];
        boolean disordered = false, ordered = false;
        for (int i = 0; i < points; i++) {
            a[i] = alphaLow + (alphaHigh - alphaLow) * i / (points - 1);
            c[i] = StationaryLaw.of(field, potential, a[i], noise).cv();
            if (potential.originIsMinimum(a[i])) disordered = true;
            else ordered = true;
        }
        double ac = potential.criticalAlpha();
        double critical = ac >= alphaLow && ac <= alphaHigh ? ac : Double.NaN;
        return new PhaseStructure(potential, field, noise, a, c, disordered, ordered, critical,
                potential.vacuumCurvature(alphaLow), potential.vacuumCurvature(alphaHigh));
    }

    /** Whether the range holds a disorder→order transition: both phases occur and the critical α lies inside. */
    public boolean hasTransition() {
        return disorderedPhase && orderedPhase && !Double.isNaN(alphaCritical);
    }

    /** The most prominent interior maximum of the exact C_v(α) (none if C_v is monotone on the grid). */
    public Optional<Peak> cvPeak() {
        return PeakFinder.mostProminent(alpha, cv, 1);
    }

    /**
     * The crossover window around the transition: the distance in α from α_c into the ordered phase at which the
     * barrier V(0) − V_min reaches {@code barrierUnits}·D (bisection; the barrier grows monotonically away from α_c).
     * NaN without a transition; +∞ if the barrier stays below that height out to α_c ± 1e6.
     */
    public double window(double barrierUnits) {
        InvalidInputException.requirePositive("barrier units", barrierUnits);
        if (!hasTransition()) return Double.NaN;
        double target = barrierUnits * noise;
        double side = potential.originIsMinimum(alphaCritical - 1e-9) ? 1 : -1; // direction of the ordered phase
        double lo = 0, hi = 1e-3;
        while (barrier(alphaCritical + side * hi) < target) {
            lo = hi;
            hi *= 2;
            if (hi > 1e6) return Double.POSITIVE_INFINITY;
        }
        for (int k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
            double mid = 0.5 * (lo + hi);
            if (barrier(alphaCritical + side * mid) < target) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** V(0) − V_min at α: the barrier between the ordered minimum and the disordered state (V(0) = 0 for both potentials). */
    public double barrier(double a) {
        return potential.value(0, a) - potential.minimumValue(a);
    }
}
