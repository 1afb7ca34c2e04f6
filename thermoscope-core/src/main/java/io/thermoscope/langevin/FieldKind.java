package io.thermoscope.langevin;

/** The order parameter: a real scalar Φ, or the complex U(1) field Φ = |Φ|e^{iθ} (two real components). */
public enum FieldKind {
    /** One real component. */
    REAL(1),
    /** Two real components (Re Φ, Im Φ); the potential depends on |Φ| only. */
    COMPLEX(2);

    private final int components;

    FieldKind(int components) {
        this.components = components;
    }

    /** Number of real degrees of freedom. */
    public int components() {
        return components;
    }
}
