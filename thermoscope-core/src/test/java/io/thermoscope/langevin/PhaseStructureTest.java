package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Phase structures from the closed forms: the Coleman–Weinberg potential (β &gt; 0) has its origin as a maximum at every
 * α and a vacuum of curvature 4β that never softens — no transition; the Landau φ⁴ potential has one at α_c = 0, with
 * the crossover window 2√(K b D) from its barrier α²/(4b).
 */
class PhaseStructureTest {

    @Test
    void colemanWeinbergHasNoDisorderedPhase() {
        CwPotential cw = new CwPotential(1, 1);
        PhaseStructure ps = PhaseStructure.of(cw, FieldKind.REAL, 0.1, -3, 1, 41);
        assertFalse(ps.disorderedPhase());
        assertTrue(ps.orderedPhase());
        assertFalse(ps.hasTransition());
        assertTrue(Double.isNaN(ps.window(10)));
        assertEquals(4, ps.curvatureLow());
        assertEquals(4, ps.curvatureHigh());
        // near the origin V = βΦ² ln Φ² < 0 at every α: the origin is not a minimum
        for (double a = -3; a <= 1; a += 0.5) assertTrue(cw.value(1e-12, a) < 0);
        // the exact C_v has its shallow bump near α = −0.44 (the 0.547)
        assertEquals(-0.45, ps.cvPeak().orElseThrow().x(), 0.1);
        assertEquals(0.547, ps.cvPeak().orElseThrow().height(), 0.002);
    }

    @Test
    void landauHasATransitionAtZeroWithItsBarrierWindow() {
        LandauPotential landau = new LandauPotential(0.5);
        PhaseStructure ps = PhaseStructure.of(landau, FieldKind.REAL, 0.2, -3, 1, 41);
        assertTrue(ps.hasTransition());
        assertEquals(0, ps.alphaCritical());
        for (double k : new double[]{1, 10, 30}) assertEquals(2 * Math.sqrt(k * 0.5 * 0.2), ps.window(k), 1e-9);
        assertEquals(12, ps.curvatureLow());   // −4α at α = −3
        assertEquals(2, ps.curvatureHigh());   // 2α at α = 1
        assertEquals(0.3, ps.barrier(-Math.sqrt(0.6)), 1e-12); // α²/(4b)
        assertFalse(PhaseStructure.of(landau, FieldKind.REAL, 0.2, 0.5, 1, 5).hasTransition()); // disordered only
        assertThrows(InvalidInputException.class, () -> PhaseStructure.of(landau, FieldKind.REAL, 0.2, 1, -1, 5));
    }
}
