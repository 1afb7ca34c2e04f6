package io.thermoscope.langevin;

import io.thermoscope.peaks.Peak;
import io.thermoscope.peaks.PeakFinder;

import java.util.Optional;

/**
 * The most prominent peak of C_v along a trajectory (x = t), found by {@link PeakFinder} on the C_v curve smoothed
 * with a centred moving average; height, prominence and width refer to the smoothed curve.
 *
 * @param index      entry index of the peak
 * @param t          time of the peak
 * @param alpha      α at the peak
 * @param cv         smoothed C_v at the peak
 * @param rawCv      unsmoothed C_v at the same entry
 * @param prominence topographic prominence of the smoothed peak
 * @param widthT     full width at half prominence, in time units
 * @param noise      scatter of C_v about its smoothed curve (standard deviation of the residuals), NaN if
 *                   smoothing is off
 */
public record CvPeak(int index, double t, double alpha, double cv, double rawCv, double prominence, double widthT,
                     double noise) {

    /** The most prominent C_v peak of {@code tr}, smoothing with the odd {@code window}; empty if none. */
    public static Optional<CvPeak> find(Trajectory tr, int window) {
        Optional<Peak> p = PeakFinder.mostProminent(tr.t(), tr.cv(), window);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Peak peak = p.get();
        double noise = Double.NaN;
        if (window > 1) {
            double[] s = PeakFinder.smooth(tr.cv(), window);
            double ss = 0;
            for (int i = 0; i < s.length; i++) {
                double r = tr.cv()[i] - s[i];
                ss += r * r;
            }
            noise = Math.sqrt(ss / s.length);
        }
        int i = peak.index();
        return Optional.of(new CvPeak(i, tr.t()[i], tr.alpha()[i], peak.height(), tr.cv()[i], peak.prominence(),
                peak.width(), noise));
    }
}
