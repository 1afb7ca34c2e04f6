package io.thermoscope.eos;

import io.thermoscope.InvalidInputException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * The van der Waals equation of state (P + a/V²)(V − b) = NκT proposed in Kim 2026 §VIII.B, fitted to measured
 * (V_ctx, P) pairs against the ideal information gas PV = NκT (Eq. 26).
 *
 * <p>Both models are fitted to the pressures by ordinary least squares with Gaussian errors of unknown common σ:
 * van der Waals P = c/(V − b) − a/V² (c = NκT) by Levenberg–Marquardt (Hipparchus), started from the best point of a
 * grid over b on which (c, a) follow by linear least squares (variable projection), with b kept below min V; the
 * ideal gas P = c/V in closed form. Uncertainties are the square roots of the covariance s²(JᵀJ)⁻¹,
 * s² = RSS/(n − k). Model choice: AIC = n ln(RSS/n) + 2K, AICc = AIC + 2K(K+1)/(n − K − 1) and
 * BIC = n ln(RSS/n) + K ln n, K = k + 1 (the fitted parameters plus σ); lower is preferred. RSS is floored at
 * n·(1e-15·max|P|)² so that exact data do not give ln 0.
 *
 * <p>{@link PressureForm#INTERVAL} is for first-law data: {@code first-law} measures P(V) = F(V−1) − F(V), the mean
 * of the pressure over [V−1, V], i.e. ∫_{V−1}^{V} P(v) dv. Both models are then compared in that integrated form:
 * ideal c·ln(V/(V−1)) and van der Waals c·ln((V−b)/(V−1−b)) − a/(V(V−1)). Fitting the point form to such data
 * instead reads the discretisation as a spurious excluded volume (exact ideal-gas differences T ln(V/(V−1)) for
 * V = 2 … 199 give b ≈ 0.63, a ≈ 0.31 and a decisive but wrong preference for van der Waals).
 *
 * <p>Caveat: AIC/BIC and the standard errors assume independent residuals. Pressures from one growing context are
 * correlated (every P(V) depends on Z(V−1)), so on first-law curves the information criteria overstate the evidence;
 * read ΔBIC as a ranking, not as a calibrated odds ratio.
 */
public final class EquationOfStateFit {
    /** How the measured pressure relates to the equation of state P(V). */
    public enum PressureForm {
        /** P_i = P(V_i). */
        POINT,
        /** P_i = F(V_i − 1) − F(V_i) = ∫_{V_i−1}^{V_i} P(v) dv (the first-law finite difference, ΔV = 1). */
        INTERVAL
    }

    /**
     * A fitted parameter.
     *
     * @param name   {@code a}, {@code b} or {@code NkT}
     * @param value  the estimate
     * @param sigma  its standard error (0 when the parameter was given)
     * @param fixed  true when given, not fitted
     */
    public record Parameter(String name, double value, double sigma, boolean fixed) {
    }

    /**
     * One model's fit.
     *
     * @param model       {@code ideal} or {@code vanDerWaals}
     * @param parameters  fitted and fixed parameters
     * @param k           number of fitted model parameters
     * @param rss         residual sum of squares Σ(P − P̂)²
     * @param sigma       residual standard deviation √(RSS/(n − k))
     * @param aic         Akaike information criterion
     * @param aicc        small-sample corrected AIC
     * @param bic         Bayesian (Schwarz) information criterion
     * @param correlation parameter correlation matrix of the fitted parameters (order as in {@code parameters})
     * @param iterations  optimiser iterations (0 for closed forms)
     */
    public record ModelFit(String model, List<Parameter> parameters, int k, double rss, double sigma, double aic, double aicc,
                           double bic, double[][] correlation, int iterations) {
        /** The parameter named {@code name}. */
        public Parameter parameter(String name) {
            for (Parameter p : parameters) if (p.name().equals(name)) return p;
            throw new IllegalArgumentException("no parameter " + name);
        }
    }

    /** What the comparison concludes. */
    public enum Outcome {
        /** AIC and BIC both prefer the ideal gas. */
        IDEAL_SUFFICES,
        /** AIC and BIC both prefer van der Waals. */
        VAN_DER_WAALS_IMPROVES,
        /** AIC and BIC disagree. */
        AMBIGUOUS,
        /** A fit gave non-finite numbers: the data cannot decide between the models. */
        INCONCLUSIVE
    }

    /**
     * The comparison.
     *
     * @param n              number of (V, P) pairs
     * @param form           how P relates to the equation of state
     * @param nkTGiven       NκT when given (then not fitted), else NaN
     * @param ideal          the ideal-gas fit
     * @param vanDerWaals    the van der Waals fit
     * @param deltaAic       AIC(vdW) − AIC(ideal): negative favours van der Waals
     * @param deltaAicc      AICc(vdW) − AICc(ideal)
     * @param deltaBic       BIC(vdW) − BIC(ideal)
     * @param preferredByAic {@code vanDerWaals} or {@code ideal}
     * @param preferredByBic {@code vanDerWaals} or {@code ideal}
     * @param outcome        what the comparison concludes
     * @param verdict        one sentence
     */
    public record Result(int n, PressureForm form, double nkTGiven, ModelFit ideal, ModelFit vanDerWaals, double deltaAic, double deltaAicc,
                         double deltaBic, String preferredByAic, String preferredByBic, Outcome outcome, String verdict) {
    }

    private EquationOfStateFit() {
    }

    /** Fits both models to point pressures P(V_i); {@code nkT} = NκT when known (finite, &gt; 0), NaN to fit it. */
    public static Result fit(PressureVolumeData data, double nkT) {
        return fit(data, nkT, PressureForm.POINT);
    }

    /** Fits both models to {@code data} read in the given form; {@code nkT} = NκT when known, NaN to fit it. */
    public static Result fit(PressureVolumeData data, double nkT, PressureForm form) {
        if (form == null) throw new InvalidInputException("a pressure form is required");
        double[] V = data.volume(), P = data.pressure();
        int n = V.length;
        boolean given = !Double.isNaN(nkT);
        if (given) InvalidInputException.requirePositive("NkT", nkT);
        int kVdw = given ? 2 : 3;
        if (n < kVdw + 3) {
            throw new InvalidInputException("the van der Waals fit needs at least " + (kVdw + 3) + " (V, P) pairs, got " + n);
        }
        double vMin = Double.POSITIVE_INFINITY, pMax = 0;
        for (int i = 0; i < n; i++) {
            vMin = Math.min(vMin, V[i]);
            pMax = Math.max(pMax, Math.abs(P[i]));
        }
        long distinct = java.util.Arrays.stream(V).distinct().count();
        if (distinct < kVdw + 1) {
            // P(V) at fewer distinct volumes than van der Waals has parameters + 1 cannot tell the models apart
            throw new InvalidInputException("the fit needs at least " + (kVdw + 1) + " distinct volumes, got "
                    + distinct + (distinct == 1 ? " (every row has V = " + V[0] + ")" : ""));
        }
        if (form == PressureForm.INTERVAL && !(vMin > 1)) {
            throw new InvalidInputException("interval (first-law) pressures need V > 1, got V = " + vMin);
        }
        double rssFloor = n * Math.pow(1e-15 * Math.max(pMax, Double.MIN_NORMAL), 2);
        Basis basis = new Basis(form);
        ModelFit ideal = fitIdeal(V, P, nkT, rssFloor, basis);
        ModelFit vdw = fitVanDerWaals(V, P, nkT, form == PressureForm.INTERVAL ? vMin - 1 : vMin, rssFloor, basis);
        double dAic = vdw.aic() - ideal.aic(), dAicc = vdw.aicc() - ideal.aicc(), dBic = vdw.bic() - ideal.bic();
        if (!(Double.isFinite(dAic) && Double.isFinite(dBic) && finite(ideal) && finite(vdw))) {
            // a NaN compares false both ways: never let it fall through to "the ideal gas suffices"
            return new Result(n, form, given ? nkT : Double.NaN, ideal, vdw, dAic, dAicc, dBic, null, null,
                    Outcome.INCONCLUSIVE, "inconclusive: the fits did not give finite residuals and parameters "
                    + "(the pressures or volumes are too extreme for a least-squares fit in double precision)");
        }
        String byAic = dAic < 0 ? "vanDerWaals" : "ideal", byBic = dBic < 0 ? "vanDerWaals" : "ideal";
        String verdict;
        Outcome outcome;
        if (byAic.equals(byBic)) {
            outcome = byBic.equals("vanDerWaals") ? Outcome.VAN_DER_WAALS_IMPROVES : Outcome.IDEAL_SUFFICES;
            verdict = (byBic.equals("vanDerWaals") ? "van der Waals improves on the ideal gas" : "the ideal gas suffices")
                    + String.format(java.util.Locale.ROOT, " (dAIC = %.3g, dBIC = %.3g)", dAic, dBic);
        } else {
            outcome = Outcome.AMBIGUOUS;
            verdict = String.format(java.util.Locale.ROOT, "ambiguous: AIC prefers %s, BIC prefers %s (dAIC = %.3g, dBIC = %.3g)",
                    byAic, byBic, dAic, dBic);
        }
        return new Result(n, form, given ? nkT : Double.NaN, ideal, vdw, dAic, dAicc, dBic, byAic, byBic, outcome, verdict);
    }

    /** Whether a fit's residuals, criteria and parameters are all finite (standard errors may be undefined). */
    private static boolean finite(ModelFit f) {
        if (!(Double.isFinite(f.rss()) && Double.isFinite(f.aic()) && Double.isFinite(f.bic()))) return false;
        for (Parameter p : f.parameters()) if (!Double.isFinite(p.value())) return false;
        return true;
    }

    /**
     * The model P̂ = c·u(V, b) − a·w(V): point form u = 1/(V − b), w = 1/V²; interval form (the point form integrated
     * over [V−1, V]) u = ln((V − b)/(V − 1 − b)), w = 1/(V(V − 1)). The ideal gas is a = b = 0.
     */
    private record Basis(PressureForm form) {
        double u(double v, double b) {
            return form == PressureForm.POINT ? 1 / (v - b) : Math.log1p(1 / (v - 1 - b)); // NκT/(V−b) or its integral
        }

        double w(double v) {
            return form == PressureForm.POINT ? 1 / (v * v) : 1 / (v * (v - 1)); // a/V² or its integral
        }

        double duDb(double v, double b) {
            return form == PressureForm.POINT ? 1 / ((v - b) * (v - b)) : 1 / ((v - b) * (v - 1 - b));
        }
    }

    private static ModelFit fitIdeal(double[] V, double[] P, double nkT, double floor, Basis basis) {
        int n = V.length;
        if (!Double.isNaN(nkT)) {
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double r = P[i] - nkT * basis.u(V[i], 0); // PV = NκT (Eq. 26 with NκT given)
                rss += r * r;
            }
            return model("ideal", List.of(new Parameter("NkT", nkT, 0, true)), 0, rss, floor, n, new double[0][0], 0);
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double u = basis.u(V[i], 0);
            sxy += P[i] * u;
            sxx += u * u;
        }
        double c = sxy / sxx; // least squares of P = c/V (Eq. 26)
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = P[i] - c * basis.u(V[i], 0);
            rss += r * r;
        }
        double s2 = rss / (n - 1);
        return model("ideal", List.of(new Parameter("NkT", c, Math.sqrt(s2 / sxx), false)), 1, rss, floor, n,
                new double[][] {{1}}, 0);
    }

    private static ModelFit fitVanDerWaals(double[] V, double[] P, double nkT, double bLimit, double floor, Basis basis) {
        final int n = V.length;
        final boolean given = !Double.isNaN(nkT);
        final double bMax = bLimit - 1e-9 * Math.max(1, Math.abs(bLimit));
        final double bLo = -2 * Math.max(1, Math.abs(bLimit));
        // 1. variable projection on a grid of b: for fixed b, P = c/(V − b) − a/V² is linear in (c, a)
        double bestRss = Double.POSITIVE_INFINITY, bestA = 0, bestB = 0, bestC = given ? nkT : 1;
        int grid = 400;
        for (int g = 0; g < grid; g++) {
            double b = bLo + (bMax - bLo) * (g / (grid - 1.0)) * 0.995;
            double[] ac = linearAC(V, P, b, nkT, basis);
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double r = P[i] - (ac[1] * basis.u(V[i], b) - ac[0] * basis.w(V[i]));
                rss += r * r;
            }
            if (rss < bestRss) {
                bestRss = rss;
                bestA = ac[0];
                bestB = b;
                bestC = ac[1];
            }
        }
        // 2. Levenberg–Marquardt polish of (a, b[, c])
        final int k = given ? 2 : 3;
        double[] start = given ? new double[] {bestA, bestB} : new double[] {bestA, bestB, bestC};
        LeastSquaresOptimizer.Optimum opt;
        try {
            var problem = new LeastSquaresBuilder()
                    .model(point -> {
                        double a = point.getEntry(0), b = point.getEntry(1), c = given ? nkT : point.getEntry(2);
                        RealVector value = new ArrayRealVector(n);
                        RealMatrix jac = new Array2DRowRealMatrix(n, k);
                        for (int i = 0; i < n; i++) {
                            double u = basis.u(V[i], b), w = basis.w(V[i]);
                            value.setEntry(i, c * u - a * w); // P = NκT/(V − b) − a/V² (§VIII.B), or its interval mean
                            jac.setEntry(i, 0, -w);
                            jac.setEntry(i, 1, c * basis.duDb(V[i], b));
                            if (!given) jac.setEntry(i, 2, u);
                        }
                        return new Pair<>(value, jac);
                    })
                    .parameterValidator(point -> {
                        if (point.getEntry(1) > bMax) point.setEntry(1, bMax); // keep V − b > 0
                        return point;
                    })
                    .target(P)
                    .start(start)
                    .maxEvaluations(100_000)
                    .maxIterations(100_000)
                    .build();
            opt = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-15).withParameterRelativeTolerance(1e-15)
                    .optimize(problem);
        } catch (MathIllegalStateException e) {
            throw new InvalidInputException("the van der Waals fit did not converge: " + e.getMessage());
        }
        RealVector x = opt.getPoint();
        double rss = 0;
        RealVector res = opt.getResiduals();
        for (int i = 0; i < n; i++) rss += res.getEntry(i) * res.getEntry(i);
        double s2 = rss / (n - k);
        double[][] cov = new double[k][k];
        double[][] corr = new double[k][k];
        try {
            RealMatrix c0 = opt.getCovariances(1e-14); // (JᵀJ)⁻¹
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) cov[i][j] = s2 * c0.getEntry(i, j);
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) corr[i][j] = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
        } catch (RuntimeException singular) {
            for (double[] row : cov) java.util.Arrays.fill(row, Double.NaN);
            for (double[] row : corr) java.util.Arrays.fill(row, Double.NaN);
        }
        List<Parameter> ps = new ArrayList<>();
        ps.add(new Parameter("a", x.getEntry(0), Math.sqrt(cov[0][0]), false));
        ps.add(new Parameter("b", x.getEntry(1), Math.sqrt(cov[1][1]), false));
        ps.add(given ? new Parameter("NkT", nkT, 0, true) : new Parameter("NkT", x.getEntry(2), Math.sqrt(cov[2][2]), false));
        return model("vanDerWaals", ps, k, rss, floor, n, corr, opt.getIterations());
    }

    /** Linear least squares of (a, c) for fixed b (c fixed to {@code nkT} when given); returns {a, c}. */
    private static double[] linearAC(double[] V, double[] P, double b, double nkT, Basis basis) {
        // columns: u_i (coefficient c), −w_i (coefficient a)
        double uu = 0, uw = 0, ww = 0, up = 0, wp = 0;
        for (int i = 0; i < V.length; i++) {
            double u = basis.u(V[i], b), w = -basis.w(V[i]);
            double p = Double.isNaN(nkT) ? P[i] : P[i] - nkT * u;
            uu += u * u;
            uw += u * w;
            ww += w * w;
            up += u * p;
            wp += w * p;
        }
        if (!Double.isNaN(nkT)) return new double[] {wp / ww, nkT};
        double det = uu * ww - uw * uw;
        if (!(Math.abs(det) > 0)) return new double[] {0, up / uu};
        return new double[] {(uu * wp - uw * up) / det, (ww * up - uw * wp) / det};
    }

    private static ModelFit model(String name, List<Parameter> ps, int k, double rss, double floor, int n, double[][] corr, int it) {
        double r = Math.max(rss, floor);
        int K = k + 1; // + σ
        double base = n * Math.log(r / n);
        double aic = base + 2 * K;                          // AIC = n ln(RSS/n) + 2K
        double aicc = aic + 2.0 * K * (K + 1) / (n - K - 1); // small-sample correction
        double bic = base + K * Math.log(n);                // BIC = n ln(RSS/n) + K ln n
        double sigma = n > k ? Math.sqrt(rss / (n - k)) : Double.NaN;
        return new ModelFit(name, ps, k, rss, sigma, aic, aicc, bic, corr, it);
    }
}
