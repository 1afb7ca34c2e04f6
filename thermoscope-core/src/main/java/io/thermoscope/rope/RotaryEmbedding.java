package io.thermoscope.rope;

import io.thermoscope.InvalidInputException;

/**
 * Rotary position embedding (RoPE; Su et al., Kim 2026 Eq. 33): the pair (v_{2i}, v_{2i+1}) of a d-dimensional
 * vector at position m is rotated by the angle m·θ_i with θ_i = base^(−2i/d), i = 0 … d/2 − 1. In the complex
 * form z_i = v_{2i} + i v_{2i+1} this is z_i ↦ z_i e^{i m θ_i} (Eq. 34), so q_m·k_n = Re Σ z_i(q) z̄_i(k)
 * e^{i(m−n)θ_i} depends on the positions only through m − n.
 */
public final class RotaryEmbedding {
    private final int dimension;
    private final double base;
    private final double[] theta;

    /** RoPE for even dimension d ≥ 2 with frequency base (10000 in RoFormer/LLaMA; &gt; 0, finite). */
    public RotaryEmbedding(int dimension, double base) {
        if (dimension < 2 || dimension % 2 != 0) {
            throw new InvalidInputException("RoPE dimension must be even and >= 2, got " + dimension);
        }
        InvalidInputException.requirePositive("RoPE base", base);
        this.dimension = dimension;
        this.base = base;
        theta = new double[dimension / 2];
        for (int i = 0; i < theta.length; i++) theta[i] = Math.pow(base, -2.0 * i / dimension); // θ_i = base^(−2i/d)
    }

    /** The dimension d. */
    public int dimension() {
        return dimension;
    }

    /** The frequency base. */
    public double base() {
        return base;
    }

    /** The frequencies θ_i = base^(−2i/d) (a copy). */
    public double[] frequencies() {
        return theta.clone();
    }

    /** v rotated to position {@code position} (a new array): each pair (2i, 2i+1) by the angle position·θ_i (Eq. 33). */
    public double[] rotate(double[] v, double position) {
        return rotate(v, position, null);
    }

    /**
     * v rotated by position·θ_i plus an extra per-pair phase φ_i ({@code null}: none): the U(1)^{d/2} action of which
     * RoPE is the special case φ = 0. A global phase shared by every position is the zero mode of Eq. 36.
     */
    public double[] rotate(double[] v, double position, double[] phase) {
        if (v.length != dimension) throw new InvalidInputException("vector has " + v.length + " entries, RoPE dimension is " + dimension);
        if (phase != null && phase.length != theta.length) {
            throw new InvalidInputException("phase has " + phase.length + " entries, expected " + theta.length);
        }
        double[] r = new double[dimension];
        for (int i = 0; i < theta.length; i++) {
            double angle = position * theta[i] + (phase == null ? 0 : phase[i]);
            double c = Math.cos(angle), s = Math.sin(angle);
            double a = v[2 * i], b = v[2 * i + 1];
            r[2 * i] = c * a - s * b;     // (q1', q2') = R(mθ)(q1, q2) (Eq. 33)
            r[2 * i + 1] = s * a + c * b;
        }
        return r;
    }

    /**
     * The RoPE attention energies E_mn = −(R_m q_m)·(R_n k_n)/√d (Eq. 7 with the √d_k scaling of Eq. 9 folded in),
     * query m at position {@code qPos[m]}, key n at {@code kPos[n]}, with an optional global phase on every vector.
     */
    public double[][] energies(double[][] q, double[] qPos, double[][] k, double[] kPos, double[] phase) {
        if (q.length != qPos.length || k.length != kPos.length) throw new InvalidInputException("positions and vectors differ in count");
        double[][] rq = new double[q.length][], rk = new double[k.length][];
        for (int m = 0; m < q.length; m++) rq[m] = rotate(q[m], qPos[m], phase);
        for (int n = 0; n < k.length; n++) rk[n] = rotate(k[n], kPos[n], phase);
        double scale = 1 / Math.sqrt(dimension);
        double[][] e = new double[q.length][k.length];
        for (int m = 0; m < q.length; m++) {
            for (int n = 0; n < k.length; n++) e[m][n] = -dot(rq[m], rk[n]) * scale; // E = −q·k/√d (Eqs. 7, 9)
        }
        return e;
    }

    /**
     * The closed form of the rotated dot product: (R_m q)·(R_n k) = Σ_i [(q_{2i}k_{2i} + q_{2i+1}k_{2i+1}) cos(Δθ_i)
     * − (q_{2i+1}k_{2i} − q_{2i}k_{2i+1}) sin(Δθ_i)], Δ = m − n — the reference for the relative-position check.
     */
    public double relativeDot(double[] q, double[] k, double delta) {
        double s = 0;
        for (int i = 0; i < theta.length; i++) {
            double a = delta * theta[i];
            double re = q[2 * i] * k[2 * i] + q[2 * i + 1] * k[2 * i + 1];
            double im = q[2 * i + 1] * k[2 * i] - q[2 * i] * k[2 * i + 1];
            s += re * Math.cos(a) - im * Math.sin(a); // Re[z_q z̄_k e^{iΔθ}] (Eq. 34)
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
