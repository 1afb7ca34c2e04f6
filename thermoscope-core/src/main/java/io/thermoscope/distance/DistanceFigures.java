package io.thermoscope.distance;

import io.thermoscope.plot.Figure;
import io.thermoscope.plot.Heatmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The chapter's figures: the (γ, λ) phase diagram, captured mass against window, fitted decay against data. */
public final class DistanceFigures {
    private DistanceFigures() {
    }

    /**
     * C_V = γ² Var(ln d) of the infinite distance ensemble on a (γ, λ) grid (rows λ, columns γ); the column γ = 1
     * separates phase A (left) from B (right). λ must be &gt; 0 everywhere (Z diverges at λ = 0, γ ≤ 1).
     */
    public static Heatmap phaseDiagram(double gammaMin, double gammaMax, int nGamma, double logLambdaMin,
                                       double logLambdaMax, int nLambda) {
        double[][] cv = new double[nLambda][nGamma];
        String[] gt = new String[nGamma], lt = new String[nLambda];
        for (int j = 0; j < nGamma; j++) {
            gt[j] = String.format(Locale.ROOT, "%.2f", gammaMin + (gammaMax - gammaMin) * j / (nGamma - 1));
        }
        for (int i = 0; i < nLambda; i++) {
            double ll = logLambdaMax - (logLambdaMax - logLambdaMin) * i / (nLambda - 1);
            lt[i] = String.format(Locale.ROOT, "1e%.1f", ll);
            for (int j = 0; j < nGamma; j++) {
                double g = gammaMin + (gammaMax - gammaMin) * j / (nGamma - 1);
                cv[i][j] = new DistanceEnsemble(g, Math.pow(10, ll), null).thermodynamics().Cv();
            }
        }
        return new Heatmap("Distance ensemble: C_V over (γ, λ) — phase A (γ < 1) left, B (γ > 1) right",
                "γ (decay exponent)", "λ (cut-off)", cv).xTicks(gt).yTicks(lt).colorbarLabel("C_V = γ² Var(ln d)");
    }

    /** Captured mass Σ_{d≤W} p(d) against W for each (γ, λ, N) given, log window axis. */
    public static Figure capturedMass(List<DistanceEnsemble> ensembles, List<String> labels, long maxWindow) {
        Figure f = new Figure("Mass captured by a KV-cache window", "window W (tokens)", "captured mass").logX();
        for (int e = 0; e < ensembles.size(); e++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (double w = 1; w <= maxWindow; w = Math.max(w + 1, Math.floor(w * 1.15))) {
                xs.add(w);
                ys.add(ensembles.get(e).captured((long) w));
            }
            f.line(labels.get(e), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return f;
    }

    /** Mean attention mass against distance (points) with both fitted laws (lines), log–log. */
    public static Figure decayFit(String title, double[] meanMass, DecayFit.Result fit) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int d = 1; d <= meanMass.length; d++) {
            if (meanMass[d - 1] > 0) {
                xs.add((double) d);
                ys.add(meanMass[d - 1]);
            }
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        Figure f = new Figure(title, "distance d", "attention mass").logX().logY();
        f.points("data (mean over queries)", x, y);
        f.line("MLE d^−γ e^−λd: " + fit.mle().verdict(), x, law(x, y, fit.mle().gamma(), fit.mle().lambda()));
        f.dashed(String.format(Locale.ROOT, "OLS log–log: γ = %.2f", fit.ols().gamma()), x,
                law(x, y, fit.ols().gamma(), 0));
        return f;
    }

    /** The law d^−γ e^−λd scaled to the data by least squares in log space. */
    private static double[] law(double[] x, double[] y, double g, double l) {
        double[] out = new double[x.length];
        double shift = 0;
        for (int i = 0; i < x.length; i++) shift += Math.log(y[i]) - (-g * Math.log(x[i]) - l * x[i]);
        shift /= Math.max(1, x.length);
        for (int i = 0; i < x.length; i++) out[i] = Math.exp(shift - g * Math.log(x[i]) - l * x[i]);
        return out;
    }
}
