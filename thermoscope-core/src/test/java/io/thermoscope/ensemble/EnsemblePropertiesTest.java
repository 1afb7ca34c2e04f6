package io.thermoscope.ensemble;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thermodynamic identities of the ensemble as properties over random energies and temperatures. */
class EnsemblePropertiesTest {

    record Case(double[] energies, double T) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<double[]> energies = Arbitraries.doubles().between(-50, 50).array(double[].class).ofMinSize(1).ofMaxSize(300);
        Arbitrary<Double> temperature = Arbitraries.doubles().between(-2, 2).map(x -> Math.pow(10, x));
        return Combinators.combine(energies, temperature).as(Case::new);
    }

    @Property(tries = 300)
    void probabilitiesAreShiftInvariant(@ForAll("cases") Case c, @ForAll @DoubleRange(min = -1e3, max = 1e3) double shift) {
        double[] shifted = c.energies().clone();
        for (int i = 0; i < shifted.length; i++) shifted[i] += shift;
        double[] p = BoltzmannEnsemble.probabilities(c.energies(), c.T());
        double[] q = BoltzmannEnsemble.probabilities(shifted, c.T());
        for (int i = 0; i < p.length; i++) assertEquals(p[i], q[i], 1e-9 * Math.max(p[i], 1e-300) + 1e-14);
    }

    @Property(tries = 300)
    void freeEnergyIsInternalEnergyMinusTS(@ForAll("cases") Case c) {
        EnsembleStatistics st = BoltzmannEnsemble.of(c.energies(), c.T());
        double scale = Math.abs(st.U()) + c.T() * st.S() + Math.abs(st.F());
        assertEquals(st.F(), st.U() - c.T() * st.S(), 1e-12 * Math.max(scale, 1));  // F = U − TS (Eq. 24)
        assertEquals(st.F(), -c.T() * st.logZ(), 1e-12 * Math.max(Math.abs(st.F()), 1));
    }

    @Property(tries = 300)
    void entropyIsBoundedAndHeatCapacityNonNegative(@ForAll("cases") Case c) {
        EnsembleStatistics st = BoltzmannEnsemble.of(c.energies(), c.T());
        int n = c.energies().length;
        assertTrue(st.S() >= 0 && st.S() <= Math.log(n) * (1 + 1e-14) + 1e-15, "S = " + st.S() + " for n = " + n);
        assertTrue(st.Cv() >= 0);
        assertTrue(st.nEff() >= 1 - 1e-12 && st.nEff() <= n * (1 + 1e-12));
    }

    @Property(tries = 200)
    void heatCapacityIsTheTemperatureDerivativeOfU(@ForAll("cases") Case c) {
        double T = c.T(), h = 1e-4 * T;
        double up = BoltzmannEnsemble.of(c.energies(), T + h).U();
        double dn = BoltzmannEnsemble.of(c.energies(), T - h).U();
        double fd = (up - dn) / (2 * h); // C_v = dU/dT
        double cv = BoltzmannEnsemble.of(c.energies(), T).Cv();
        // truncation O(h²) relative to C_v, plus rounding of the difference quotient ~ 1e-12·|U|/h
        double tol = 1e-4 * cv + 1e-12 * (1 + Math.abs(up)) / h;
        assertEquals(cv, fd, tol, "T = " + T);
    }

    @Property(tries = 100)
    void freeEnergyMinimiserReproducesSoftmax(@ForAll("cases") Case c) {
        FreeEnergyMinimiser.Result r = new FreeEnergyMinimiser().minimise(c.energies(), c.T());
        double[] p = BoltzmannEnsemble.probabilities(c.energies(), c.T());
        assertTrue(r.converged(), "did not converge: residual " + r.kktResidual() + " n=" + c.energies().length + " T=" + c.T() + " it=" + r.iterations());
        for (int i = 0; i < p.length; i++) assertEquals(p[i], r.rho()[i], 1e-10);
        assertEquals(BoltzmannEnsemble.of(c.energies(), c.T()).F(), r.freeEnergy(), 1e-10 * Math.max(1, Math.abs(r.freeEnergy())));
    }
}
