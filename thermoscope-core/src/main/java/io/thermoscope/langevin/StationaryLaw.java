package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

/**
 * Exact equilibrium moments of the stationary law of Eq. 37, p(Φ) ∝ exp(−V(Φ)/D) with V of Eq. 38 (or any
 * {@link OrderParameterPotential}), by quadrature in r = |Φ| (weight r^{d−1}: d = 1 real, d = 2 complex). This is the continuum (Δt → 0) reference for the
 * quasi-static protocol. Composite 8-point Gauss–Legendre on the region where V − V_min &lt; 60D, with panels
 * refined geometrically towards r = 0 (where r² ln r² is only C¹); relative accuracy about 1e-10.
 */
public final class StationaryLaw {
    private static final double CUTOFF = 60; // exp(−60) ≈ 1e-26: mass beyond is negligible
    private static final int PANELS = 1500;
    private static final int ORIGIN_LEVELS = 30;
    private static final double[] GL_X = {
        -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] GL_W = {
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    private StationaryLaw() {}

    /**
     * Equilibrium moments at fixed α.
     *
     * @param meanV      ⟨V⟩
     * @param varV       Var(V)
     * @param cv         Var(V)/D² (Eq. 28 with T = D)
     * @param meanAbsPhi ⟨|Φ|⟩
     * @param meanPhiSq  ⟨|Φ|²⟩
     * @param freeEnergy F = −D ln Z with Z = ∫ exp(−V/D) d^dΦ over the whole plane (line), so ΔF between two α is
     *                   the reversible work of Jarzynski's equality
     */
    public record Moments(double meanV, double varV, double cv, double meanAbsPhi, double meanPhiSq, double freeEnergy) {}

    /** The equilibrium moments for the given field, potential, α and noise D (= temperature). */
    public static Moments of(FieldKind field, OrderParameterPotential pot, double alpha, double noise) {
        InvalidInputException.requireFinite("alpha", alpha);
        InvalidInputException.requirePositive("noise D", noise);
        if (!pot.confining(alpha)) {
            throw new InvalidInputException("the law exp(-V/D) is not normalisable at alpha = " + alpha + " for " + pot.describe());
        }
        double uMin = pot.minimumU(alpha);
        double rMin = Math.sqrt(uMin);
        double vMin = pot.minimumValue(alpha);
        double limit = vMin + CUTOFF * noise;
        // right end: V increases for r > r_min; double until past the cutoff
        double scale = Math.max(rMin, pot.radialScale(alpha, noise));
        double b = Math.max(rMin, 1e-300) + scale;
        while (pot.value(b * b, alpha) < limit) {
            b = rMin + 2 * (b - rMin);
        }
        // left end: 0 unless V(0) = 0 is above the cutoff, then bisect on [0, r_min]
        double a = 0;
        if (0 > limit) {
            double lo = 0;
            double hi = rMin;
            for (int k = 0; k < 200 && hi - lo > 1e-15 * rMin; k++) {
                double mid = 0.5 * (lo + hi);
                if (pot.value(mid * mid, alpha) > limit) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            a = lo;
        }
        int d = field.components();
        // nodes and weights of the composite rule
        int nodes = (PANELS + (a == 0 ? ORIGIN_LEVELS + 1 : 0)) * GL_X.length;
        double[] r = new double[nodes];
        double[] w = new double[nodes];
        int k = 0;
        double h = (b - a) / PANELS;
        for (int p = 0; p < PANELS; p++) {
            double lo = a + p * h;
            if (p == 0 && a == 0) {
                // first panel split geometrically towards the origin: [h/2^{j+1}, h/2^j], then [0, h/2^L]
                double hi = h;
                for (int j = 0; j < ORIGIN_LEVELS; j++) {
                    k = addPanel(r, w, k, hi / 2, hi);
                    hi /= 2;
                }
                k = addPanel(r, w, k, 0, hi);
                continue;
            }
            k = addPanel(r, w, k, lo, lo + h);
        }
        double z = 0;
        double[] energy = new double[k];
        double[] weight = new double[k];
        for (int i = 0; i < k; i++) {
            double u = r[i] * r[i];
            energy[i] = pot.value(u, alpha);
            // p(r) ∝ r^{d−1} exp(−V/D): the stationary law of Eq. 37 in polar measure
            weight[i] = w[i] * (d == 2 ? r[i] : 1.0) * Math.exp(-(energy[i] - vMin) / noise);
            z += weight[i];
        }
        double m1 = 0;
        double abs = 0;
        double sq = 0;
        for (int i = 0; i < k; i++) {
            double p = weight[i] / z;
            m1 += p * energy[i];
            abs += p * r[i];
            sq += p * r[i] * r[i];
        }
        double var = 0;
        for (int i = 0; i < k; i++) {
            double dv = energy[i] - m1;
            var += weight[i] / z * dv * dv;
        }
        // Z = ∫ e^{−V/D} dΦ: 2∫_0^∞ dr on the line, 2π∫_0^∞ r dr in the plane; the weights carry e^{+V_min/D}
        double logZ = Math.log((d == 2 ? 2 * Math.PI : 2) * z) - vMin / noise;
        return new Moments(m1, var, var / (noise * noise), abs, sq, -noise * logZ); // C_v = Var(V)/D² (Eq. 28); F = −D ln Z
    }

    private static int addPanel(double[] r, double[] w, int k, double lo, double hi) {
        double mid = 0.5 * (lo + hi);
        double half = 0.5 * (hi - lo);
        for (int g = 0; g < GL_X.length; g++) {
            r[k] = mid + half * GL_X[g];
            w[k] = half * GL_W[g];
            k++;
        }
        return k;
    }
}
