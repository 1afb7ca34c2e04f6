package io.thermoscope.train;

import io.thermoscope.peaks.Peak;
import io.thermoscope.peaks.PeakFinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Onset, C_v peak and lead of one run from its evaluation rows. */
public final class GrokAnalysis {
    /** Val accuracy that marks the onset of generalisation. */
    public static final double ONSET_ACCURACY = 0.5;
    /** Val accuracy counted as "grokked" (used for early stopping and {@code reached99Step}). */
    public static final double GROKKED_ACCURACY = 0.99;

    private GrokAnalysis() {
    }

    /** The summary of a run with configuration {@code cfg} and evaluation rows {@code rows} (time fields given). */
    public static GrokSummary summarise(GrokConfig cfg, List<EvalRow> rows, double wallSeconds, double evalSeconds,
                                        double monitorSeconds) {
        if (rows.isEmpty()) throw new IllegalStateException("no evaluations recorded");
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) x[i] = rows.get(i).step();
        Integer onset = firstStep(rows, ONSET_ACCURACY);
        Integer reached = firstStep(rows, GROKKED_ACCURACY);
        Integer steepest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < rows.size(); i++) {
            double slope = (rows.get(i).valAcc() - rows.get(i - 1).valAcc()) / (x[i] - x[i - 1]);
            if (slope > best) {
                best = slope;
                steepest = rows.get(i).step();
            }
        }
        Optional<Peak> cvPeak = peak(x, column(rows, EvalRow::cv), cfg.smoothWindow());
        Optional<Peak> proxyPeak = peak(x, column(rows, EvalRow::cvProxy), cfg.smoothWindow());
        List<GrokSummary.HeadPeak> heads = new ArrayList<>();
        for (int l = 0; l < cfg.layers(); l++) {
            for (int h = 0; h < cfg.heads(); h++) {
                int idx = l * cfg.heads() + h;
                double[] hc = column(rows, r -> r.headCv()[idx]);
                Optional<Peak> hp = peak(x, hc, cfg.smoothWindow());
                Optional<Peak> hpp = peak(x, column(rows, r -> r.headCvProxy()[idx]), cfg.smoothWindow());
                heads.add(new GrokSummary.HeadPeak(l, h, stepOf(hp), hp.map(Peak::height).orElse(null), max(hc),
                        lead(onset, hp), stepOf(hpp), lead(onset, hpp)));
            }
        }
        EvalRow last = rows.get(rows.size() - 1);
        return new GrokSummary(cfg.p(), cfg.seed(), cfg.preset(), onset, steepest, reached, stepOf(cvPeak),
                cvPeak.map(Peak::height).orElse(null), cvPeak.map(Peak::prominence).orElse(null),
                max(column(rows, EvalRow::cv)), lead(onset, cvPeak), stepOf(proxyPeak), lead(onset, proxyPeak),
                last.trainAcc(), last.valAcc(), last.step(), rows.size(), heads, wallSeconds, evalSeconds, monitorSeconds,
                wallSeconds > 0 ? monitorSeconds / wallSeconds : 0);
    }

    /** First evaluation step with val accuracy ≥ {@code threshold}, or null. */
    public static Integer firstStep(List<EvalRow> rows, double threshold) {
        for (EvalRow r : rows) if (r.valAcc() >= threshold) return r.step();
        return null;
    }

    /** Most prominent peak of the smoothed curve; empty when the curve is too short or not finite. */
    public static Optional<Peak> peak(double[] x, double[] y, int window) {
        if (y.length < 3) return Optional.empty();
        for (double v : y) if (!Double.isFinite(v)) return Optional.empty();
        int w = Math.min(window, y.length % 2 == 1 ? y.length : y.length - 1);
        return PeakFinder.mostProminent(x, y, Math.max(1, w));
    }

    private static Integer stepOf(Optional<Peak> p) {
        return p.map(pk -> (int) Math.round(pk.x())).orElse(null);
    }

    private static Integer lead(Integer onset, Optional<Peak> p) {
        return onset == null || p.isEmpty() ? null : onset - (int) Math.round(p.get().x()); // lead = onset − peak
    }

    private static double[] column(List<EvalRow> rows, ToDoubleFunction<EvalRow> f) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(rows.get(i));
        return out;
    }

    private static double max(double[] y) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : y) if (v > m) m = v;
        return m;
    }
}
