package io.thermoscope.train;

import io.thermoscope.peaks.Peak;
import io.thermoscope.peaks.PeakFinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one run's evaluation rows say: the gate's outcome, the onset of generalisation from the validation curve
 * itself (a change point: the end of the plateau in a least-squares hinge fit y = c + β·max(0, t − τ) to validation
 * accuracy between t_train99 and t_generalised, and the steepest rise), and for a run that groks, the
 * most prominent peak of C_v and of every control inside the plateau ({@link PlateauWindow}).
 *
 * @param outcome      the gate's verdict on the run
 * @param tTrain99     first evaluation with train accuracy ≥ the gate's memorised accuracy (null: never)
 * @param tVal50       first evaluation with validation accuracy ≥ the gate's onset accuracy (null: never)
 * @param tGeneralised first evaluation with validation accuracy ≥ the gate's generalised accuracy (null: never)
 * @param onset        change point of the validation curve (null unless the run generalised)
 * @param steepestRise evaluation that ends the steepest rise of validation accuracy per step (null: fewer than 2)
 * @param windowStart  first step of the plateau window (null unless the run groks)
 * @param windowEnd    last step of the plateau window, the onset (null unless the run groks)
 * @param peaks        one entry per {@link Observable} for a grokking run (empty otherwise)
 * @param cvAnswerMax  maximum over the run of the "=" query's C_v (Fig. 4's C_v^max)
 * @param cvMeanMax    maximum over the run of C_v averaged over queries
 * @param cvProxyMax   maximum over the run of the proxy Var(QKᵀ/√d_k)
 * @param tEffStart    T_eff (Eq. 27) at step 0
 * @param tEffEnd      T_eff at the last evaluation
 */
public record RunAnalysis(Outcome outcome, Integer tTrain99, Integer tVal50, Integer tGeneralised, Integer onset,
                          Integer steepestRise, Integer windowStart, Integer windowEnd, List<PlateauPeak> peaks,
                          double cvAnswerMax, double cvMeanMax, double cvProxyMax, double tEffStart, double tEffEnd) {

    /**
     * The most prominent peak of one observable inside the plateau.
     *
     * @param observable what was searched
     * @param step       step of the peak (null: none counted)
     * @param phi        (t_peak − t_train99)/(t_onset − t_train99) (null: none)
     * @param prominence prominence of the most prominent interior maximum on the smoothed curve (0: none)
     * @param noise      evaluation-to-evaluation noise of the raw curve inside the window
     */
    public record PlateauPeak(Observable observable, Integer step, Double phi, double prominence, double noise) {
        /** Whether a peak counted (prominence above the threshold). */
        public boolean found() {
            return step != null;
        }
    }

    /** The peak of {@code o}, or null when the run does not grok. */
    public PlateauPeak peak(Observable o) {
        for (PlateauPeak p : peaks) if (p.observable() == o) return p;
        return null;
    }

    /** Analyses {@code rows} (in step order) with the gate and the window. */
    public static RunAnalysis of(List<EvalRow> rows, GrokGate gate, PlateauWindow window) {
        if (rows.isEmpty()) throw new IllegalStateException("no evaluations recorded");
        Integer tTrain = first(rows, r -> r.trainAcc() >= gate.memorised());
        Integer tVal = first(rows, r -> r.valAcc() >= gate.onset());
        Integer tGen = first(rows, r -> r.valAcc() >= gate.generalised());
        Outcome outcome;
        if (tTrain == null) outcome = Outcome.NEVER_MEMORISED;
        else if (tVal == null || tGen == null) outcome = Outcome.NEVER_GENERALISED;
        else outcome = tVal - tTrain >= gate.requiredDelay(tTrain) ? Outcome.GROKS : Outcome.NO_DELAY;
        Integer onset = tTrain != null && tGen != null ? changePoint(rows, Math.min(tTrain, tVal), tGen, tVal) : null;
        Integer steepest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < rows.size(); i++) {
            double slope = (rows.get(i).valAcc() - rows.get(i - 1).valAcc()) / (rows.get(i).step() - rows.get(i - 1).step());
            if (slope > best) {
                best = slope;
                steepest = rows.get(i).step();
            }
        }
        List<PlateauPeak> peaks = new ArrayList<>();
        Integer wStart = null, wEnd = null;
        if (outcome == Outcome.GROKS && onset > tTrain) {
            wStart = (int) Math.ceil(tTrain + window.transientFraction() * (onset - tTrain));
            wEnd = onset;
            for (Observable o : Observable.values()) peaks.add(plateauPeak(rows, o, tTrain, wStart, wEnd, window));
        }
        return new RunAnalysis(outcome, tTrain, tVal, tGen, onset, steepest, wStart, wEnd, List.copyOf(peaks),
                max(rows, EvalRow::cvAnswer), max(rows, EvalRow::cvMean), max(rows, EvalRow::cvProxy),
                rows.get(0).tEff(), rows.get(rows.size() - 1).tEff());
    }

    /**
     * The change point τ of validation accuracy between {@code from} and {@code to}: the τ on the evaluation grid
     * minimising the squared error of y = c + β·max(0, t − τ) with β &gt; 0 (ties: the earliest); {@code fallback}
     * when fewer than 4 evaluations lie in the range or no rising fit exists.
     */
    static Integer changePoint(List<EvalRow> rows, int from, int to, int fallback) {
        List<double[]> pts = new ArrayList<>();
        for (EvalRow r : rows) if (r.step() >= from && r.step() <= to) pts.add(new double[] {r.step(), r.valAcc()});
        int n = pts.size();
        if (n < 4) return fallback;
        double bestSse = Double.POSITIVE_INFINITY;
        Integer best = null;
        for (int j = 0; j <= n - 3; j++) {
            double tau = pts.get(j)[0];
            // least squares of y = c + β·x with x = max(0, t − τ): normal equations of a two-column design
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (double[] p : pts) {
                double x = Math.max(0, p[0] - tau);
                sx += x;
                sy += p[1];
                sxx += x * x;
                sxy += x * p[1];
            }
            double det = n * sxx - sx * sx;
            if (det <= 0) continue;
            double beta = (n * sxy - sx * sy) / det, c = (sy - beta * sx) / n;
            if (!(beta > 0)) continue;
            double sse = 0;
            for (double[] p : pts) {
                double e = p[1] - c - beta * Math.max(0, p[0] - tau);
                sse += e * e;
            }
            if (sse < bestSse - 1e-15) {
                bestSse = sse;
                best = (int) tau;
            }
        }
        return best != null ? best : fallback;
    }

    /** The most prominent interior maximum of {@code o}'s smoothed curve in [wStart, wEnd], if above the noise rule. */
    static PlateauPeak plateauPeak(List<EvalRow> rows, Observable o, int tTrain, int wStart, int wEnd, PlateauWindow w) {
        double[] all = new double[rows.size()];
        for (int i = 0; i < all.length; i++) all[i] = o.signal(rows.get(i));
        for (double v : all) if (!Double.isFinite(v)) return new PlateauPeak(o, null, null, 0, Double.NaN);
        double[] smooth = PeakFinder.smooth(all, Math.min(w.smooth(), all.length % 2 == 1 ? all.length : all.length - 1));
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).step() >= wStart && rows.get(i).step() <= wEnd) idx.add(i);
        if (idx.size() < 3) return new PlateauPeak(o, null, null, 0, Double.NaN);
        double[] x = new double[idx.size()], ys = new double[idx.size()], raw = new double[idx.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(idx.get(i)).step();
            ys[i] = smooth[idx.get(i)];
            raw[i] = all[idx.get(i)];
        }
        double noise = noise(raw);
        Peak bestPeak = null;
        for (Peak p : PeakFinder.peaks(x, ys, 0.0)) if (bestPeak == null || p.prominence() > bestPeak.prominence()) bestPeak = p;
        if (bestPeak == null) return new PlateauPeak(o, null, null, 0, noise);
        if (bestPeak.prominence() < w.minProminence() * noise || bestPeak.x() >= wEnd) {
            return new PlateauPeak(o, null, null, bestPeak.prominence(), noise);
        }
        int step = (int) Math.round(bestPeak.x());
        return new PlateauPeak(o, step, (step - tTrain) / (double) (wEnd - tTrain), bestPeak.prominence(), noise);
    }

    /** Evaluation-to-evaluation noise: 1.4826 · MAD of the first differences / √2 (robust to a steady trend). */
    static double noise(double[] y) {
        if (y.length < 3) return 0;
        double[] d = new double[y.length - 1];
        for (int i = 0; i < d.length; i++) d[i] = y[i + 1] - y[i];
        double med = median(d.clone());
        for (int i = 0; i < d.length; i++) d[i] = Math.abs(d[i] - med);
        return 1.4826 * median(d) / Math.sqrt(2);
    }

    private static double median(double[] a) {
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : 0.5 * (a[n / 2 - 1] + a[n / 2]);
    }

    private static Integer first(List<EvalRow> rows, java.util.function.Predicate<EvalRow> p) {
        for (EvalRow r : rows) if (p.test(r)) return r.step();
        return null;
    }

    private static double max(List<EvalRow> rows, java.util.function.ToDoubleFunction<EvalRow> f) {
        double m = Double.NEGATIVE_INFINITY;
        for (EvalRow r : rows) m = Math.max(m, f.applyAsDouble(r));
        return m;
    }
}
