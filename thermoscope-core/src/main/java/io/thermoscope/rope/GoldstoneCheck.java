package io.thermoscope.rope;

/**
 * The Goldstone/Higgs split at the vacuum of {@link ColemanWeinbergPotential} (Kim 2026 §V.C, Eqs. 30–32): the
 * Hessian of V in the (Re Φ, Im Φ) plane by central finite differences (with one Richardson extrapolation, error
 * O(h⁴)), its two eigenvalues, and the closed forms 0 (angular, the massless Goldstone mode) and 4β (radial, Higgs).
 */
public final class GoldstoneCheck {
    /**
     * The result at one vacuum point Φ₀ = r_min e^{iφ}.
     *
     * @param phase            φ of the vacuum point
     * @param vacuumRadius     r_min
     * @param hessian          the 2×2 numerical Hessian [[V_xx, V_xy], [V_xy, V_yy]]
     * @param angularEigen     the eigenvalue with eigenvector closest to the tangent (−sin φ, cos φ)
     * @param radialEigen      the eigenvalue with eigenvector closest to the radius (cos φ, sin φ)
     * @param higgsClosedForm  V''(r_min) = 4β
     * @param radialRelativeError |radialEigen − 4β|/(4β)
     * @param angularRelativeError |angularEigen|/(4β)
     * @param step             finite-difference step h
     */
    public record Result(double phase, double vacuumRadius, double[][] hessian, double angularEigen, double radialEigen,
                         double higgsClosedForm, double radialRelativeError, double angularRelativeError, double step) {
    }

    private GoldstoneCheck() {
    }

    /** The Hessian eigenvalues at Φ₀ = r_min e^{iφ}, finite-difference step h = 1e-3·r_min. */
    public static Result at(ColemanWeinbergPotential pot, double phase) {
        double r = pot.vacuumRadius();
        double x = r * Math.cos(phase), y = r * Math.sin(phase);
        double h = 1e-3 * r;
        double[][] h1 = hessian(pot, x, y, h), h2 = hessian(pot, x, y, h / 2);
        double[][] H = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) H[i][j] = (4 * h2[i][j] - h1[i][j]) / 3; // Richardson: O(h²) → O(h⁴)
        }
        // eigen-decomposition of the symmetric 2×2 Hessian in closed form
        double a = H[0][0], b = H[0][1], d = H[1][1];
        double mean = 0.5 * (a + d), rad = Math.hypot(0.5 * (a - d), b);
        double lo = mean - rad, hi = mean + rad;
        // eigenvector of hi: (b, hi − a) or (hi − d, b); classify by overlap with the radial direction
        double ex = hi - d, ey = b;
        if (Math.hypot(ex, ey) == 0) {
            ex = b;
            ey = hi - a;
        }
        double overlap = Math.abs(ex * Math.cos(phase) + ey * Math.sin(phase)) / Math.hypot(ex, ey);
        double radial = overlap >= Math.sqrt(0.5) ? hi : lo, angular = overlap >= Math.sqrt(0.5) ? lo : hi;
        double higgs = pot.higgsCurvature();
        return new Result(phase, r, H, angular, radial, higgs, Math.abs(radial - higgs) / higgs, Math.abs(angular) / higgs, h);
    }

    private static double[][] hessian(ColemanWeinbergPotential p, double x, double y, double h) {
        double f0 = p.value(x, y);
        double fxx = (p.value(x + h, y) - 2 * f0 + p.value(x - h, y)) / (h * h);
        double fyy = (p.value(x, y + h) - 2 * f0 + p.value(x, y - h)) / (h * h);
        double fxy = (p.value(x + h, y + h) - p.value(x + h, y - h) - p.value(x - h, y + h) + p.value(x - h, y - h)) / (4 * h * h);
        return new double[][] {{fxx, fxy}, {fxy, fyy}};
    }
}
