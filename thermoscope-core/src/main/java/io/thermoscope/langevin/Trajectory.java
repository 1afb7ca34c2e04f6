package io.thermoscope.langevin;

/**
 * Ensemble observables along a run, one entry per recorded time (or per α level for the quasi-static protocol).
 * Arrays are owned by the record; do not modify them.
 *
 * @param t          simulated time
 * @param alpha      α at that time
 * @param meanV      ensemble mean ⟨V⟩
 * @param varV       ensemble variance Var(V) (denominator M − 1)
 * @param cv         C_v = Var(V)/D²
 * @param meanAbsPhi ⟨|Φ|⟩
 * @param meanPhiSq  ⟨|Φ|²⟩ (summed over the real components)
 */
public record Trajectory(double[] t, double[] alpha, double[] meanV, double[] varV, double[] cv, double[] meanAbsPhi,
                         double[] meanPhiSq) {

    /** Number of entries. */
    public int size() {
        return t.length;
    }
}
