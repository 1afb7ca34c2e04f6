package io.thermoscope.train;

import io.thermoscope.ensemble.SpecificHeatBound;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.plot.Figure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a sweep (SVG + PNG, with the plotted numbers as CSV): Fig. 3 on the plateau's own clock
 * τ = (t − t_train99)/(t_onset − t_train99) (0: memorised, 1: onset), C_v of the "=" query and validation accuracy
 * of every grokking run, and beside it C_v and each control normalised to [0, 1] over the window and averaged over
 * runs; Fig. 4 / the finite-size test as C_v^max (and the proxy's maximum) against p or k on log–log axes with the
 * fit, Eq. 28's bound for the number of keys stated in the title.
 */
public final class SweepFigures {
    /** The τ grid of Fig. 3: from −0.25 to 1.5. */
    static final double TAU_FROM = -0.25, TAU_TO = 1.5;
    private static final int GRID = 141;

    private SweepFigures() {
    }

    /** Fig. 3 for modulus {@code p} from the runs in {@code data} (those that grok at p); false when none grok there. */
    public static boolean fig3(Path dir, String base, SweepAnalysis a, List<SweepAnalysis.RunData> data, int p) {
        List<SweepAnalysis.RunData> runs = new ArrayList<>();
        List<RunAnalysis> an = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            RunAnalysis r = a.runs().get(i).analysis();
            if (data.get(i).config().p() == p && r.outcome() == Outcome.GROKS && r.onset() > r.tTrain99()) {
                runs.add(data.get(i));
                an.add(r);
            }
        }
        if (runs.isEmpty()) return false;
        int keys = runs.get(0).config().task().sequenceLength();
        Figure f = new Figure(String.format(Locale.ROOT, "p = %d: C_v of the \"=\" query (Eq. 28; bound B(%d) = %.3f) and "
                + "val accuracy, %d runs that grok", p, keys, SpecificHeatBound.maximum(keys), runs.size()),
                "tau = (t - t_train99)/(t_onset - t_train99)", "C_v of the \"=\" query").rightLabel("val accuracy");
        Observable[] shown = {Observable.CV_ANSWER, Observable.WEIGHT_NORM, Observable.CV_PROXY, Observable.TRAIN_LOSS_MIN,
            Observable.T_EFF_MIN};
        double[] grid = new double[GRID];
        for (int g = 0; g < GRID; g++) grid[g] = TAU_FROM + (TAU_TO - TAU_FROM) * g / (GRID - 1);
        double[][] meanNorm = new double[shown.length][GRID];
        int[][] count = new int[shown.length][GRID];
        StringBuilder csv = new StringBuilder("run,tau,step,cvAnswer,valAcc\n");
        for (int r = 0; r < runs.size(); r++) {
            List<EvalRow> rows = runs.get(r).rows();
            RunAnalysis ra = an.get(r);
            double span = ra.onset() - ra.tTrain99();
            List<Double> tau = new ArrayList<>(), cv = new ArrayList<>(), val = new ArrayList<>();
            for (EvalRow row : rows) {
                double t = (row.step() - ra.tTrain99()) / span;
                if (t < TAU_FROM || t > TAU_TO) continue;
                tau.add(t);
                cv.add(row.cvAnswer());
                val.add(row.valAcc());
                csv.append(String.format(Locale.ROOT, "%d,%.17g,%d,%.17g,%.17g%n", runs.get(r).config().seed(), t, row.step(),
                        row.cvAnswer(), row.valAcc()));
            }
            String name = "seed " + runs.get(r).config().seed();
            f.line("C_v " + name, toArray(tau), toArray(cv)).lineRight("val " + name, toArray(tau), toArray(val));
            for (int o = 0; o < shown.length; o++) {
                double[] y = normalised(rows, shown[o], ra);
                for (int g = 0; g < GRID; g++) {
                    double v = interpolate(rows, y, ra.tTrain99() + grid[g] * span);
                    if (Double.isFinite(v)) {
                        meanNorm[o][g] += v;
                        count[o][g]++;
                    }
                }
            }
        }
        f.vline(0, "t_train99").vline(1, "onset (change point)");
        f.save(dir, base);
        AtomicFiles.writeString(dir.resolve(base + ".csv"), csv.toString());
        Figure c = new Figure("p = " + p + ": C_v and the controls, each scaled to [0, 1] over the plateau, mean over runs",
                "tau = (t - t_train99)/(t_onset - t_train99)", "scaled value");
        StringBuilder ccsv = new StringBuilder("tau");
        for (Observable o : shown) ccsv.append(',').append(o.name());
        ccsv.append('\n');
        for (int o = 0; o < shown.length; o++) {
            double[] y = new double[GRID];
            for (int g = 0; g < GRID; g++) y[g] = count[o][g] == 0 ? Double.NaN : meanNorm[o][g] / count[o][g];
            if (o == 0) c.line(shown[o].label(), grid, y);
            else c.dashed(shown[o].label(), grid, y);
            meanNorm[o] = y;
        }
        for (int g = 0; g < GRID; g++) {
            ccsv.append(String.format(Locale.ROOT, "%.6f", grid[g]));
            for (int o = 0; o < shown.length; o++) ccsv.append(String.format(Locale.ROOT, ",%.17g", meanNorm[o][g]));
            ccsv.append('\n');
        }
        c.vline(0, "t_train99").vline(1, "onset");
        c.save(dir, base + "_controls");
        AtomicFiles.writeString(dir.resolve(base + "_controls.csv"), ccsv.toString());
        return true;
    }

    /** {@code o}'s signal scaled to [0, 1] by its range over the plateau window [t_train99, onset]. */
    private static double[] normalised(List<EvalRow> rows, Observable o, RunAnalysis ra) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        double[] y = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = o.signal(rows.get(i));
            int t = rows.get(i).step();
            if (t >= ra.tTrain99() && t <= ra.onset()) {
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
        }
        for (int i = 0; i < y.length; i++) y[i] = hi > lo ? (y[i] - lo) / (hi - lo) : Double.NaN;
        return y;
    }

    /** Linear interpolation of y(step) at {@code t}; NaN outside the rows. */
    private static double interpolate(List<EvalRow> rows, double[] y, double t) {
        for (int i = 1; i < rows.size(); i++) {
            double a = rows.get(i - 1).step(), b = rows.get(i).step();
            if (t >= a && t <= b) return y[i - 1] + (y[i] - y[i - 1]) * (t - a) / (b - a);
        }
        return Double.NaN;
    }

    /**
     * C_v^max of the "=" query (and the proxy's maximum) against the scaling variable, log–log, mean ± σ over runs,
     * with the fitted power law; Eq. 28's bound B(keys) for each number of keys in the title and the CSV.
     */
    public static void scaling(Path dir, String base, SweepAnalysis a) {
        PowerLawFit fit = a.cvScaling(), proxy = a.proxyScaling();
        String var = a.variable();
        StringBuilder bounds = new StringBuilder();
        StringBuilder csv = new StringBuilder(var + ",runs,cvMaxMean,cvMaxSd,proxyMaxMean,proxyMaxSd,keys,eq28Bound\n");
        for (int i = 0; i < fit.points().size(); i++) {
            PowerLawFit.Point q = fit.points().get(i), pq = proxy.points().get(i);
            int keys = keysAt(a, q.x());
            double b = SpecificHeatBound.maximum(keys);
            csv.append(String.format(Locale.ROOT, "%s,%d,%.17g,%.17g,%.17g,%.17g,%d,%.17g%n", fmt(q.x()), q.n(), q.mean(), q.sd(),
                    pq.mean(), pq.sd(), keys, b));
            if (bounds.indexOf("B(" + keys + ")") < 0) {
                bounds.append(bounds.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "B(%d) = %.3f", keys, b));
            }
        }
        AtomicFiles.writeString(dir.resolve(base + ".csv"), csv.toString());
        plot(dir, base, fit, var, "C_v^max of the \"=\" query (Eq. 28; " + bounds + ")");
        plot(dir, base + "_proxy", proxy, var, "max Var(QK^T/sqrt(d_k)) (the experiment's proxy, unbounded)");
    }

    private static int keysAt(SweepAnalysis a, double x) {
        for (SweepAnalysis.RunRecord r : a.runs()) {
            if (("k".equals(a.variable()) ? r.operands() : r.p()) == x) return r.keys();
        }
        return 3;
    }

    private static void plot(Path dir, String base, PowerLawFit fit, String var, String title) {
        int n = fit.points().size();
        double[] x = new double[n], y = new double[n], err = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = fit.points().get(i).x();
            y[i] = fit.points().get(i).mean();
            err[i] = fit.points().get(i).sd();
        }
        Figure f = new Figure(title, var, "maximum over the run").logX().logY();
        f.errorBars("mean +/- sd over runs", x, y, err);
        if (Double.isFinite(fit.exponent()) && n >= 2) {
            double lx = 0, ly = 0;
            for (int i = 0; i < n; i++) {
                lx += Math.log(x[i]);
                ly += Math.log(y[i]);
            }
            lx /= n;
            ly /= n;
            double[] fx = {x[0], x[n - 1]}, fy = new double[2];
            for (int i = 0; i < 2; i++) fy[i] = Math.exp(ly + fit.exponent() * (Math.log(fx[i]) - lx)); // the fitted power law
            f.dashed(String.format(Locale.ROOT, "fit: a = %.3g [%.3g, %.3g], R^2 = %.2f", fit.exponent(), fit.low(), fit.high(),
                    fit.rSquared()), fx, fy);
        }
        f.save(dir, base);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private static double[] toArray(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) a[i] = v.get(i);
        return a;
    }
}
