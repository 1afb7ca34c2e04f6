package io.thermoscope.peaks;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Peak detection on sampled curves, with the semantics of {@code scipy.signal.find_peaks},
 * {@code peak_prominences} and {@code peak_widths(rel_height=0.5)} (no window length limit), plus a centred
 * moving-average smoother. Shared by the Langevin C_v(t) analysis and the training monitor.
 */
public final class PeakFinder {

    private PeakFinder() {}

    /**
     * Centred moving average with an odd {@code window} (1 = no smoothing). Near the ends the window shrinks
     * symmetrically (sample i averages y[i-h'..i+h'] with h' = min(h, i, n-1-i)), so it stays centred and the
     * end samples are left as they are.
     */
    public static double[] smooth(double[] y, int window) {
        requireCurve("y", y);
        if (window < 1 || window % 2 == 0) {
            throw new InvalidInputException("smoothing window must be an odd integer >= 1, got " + window);
        }
        int n = y.length;
        double[] out = new double[n];
        int h = window / 2;
        for (int i = 0; i < n; i++) {
            int hh = Math.min(h, Math.min(i, n - 1 - i));
            double s = 0;
            for (int j = i - hh; j <= i + hh; j++) {
                s += y[j];
            }
            out[i] = s / (2 * hh + 1);
        }
        return out;
    }

    /**
     * All local maxima of y(x) whose prominence is at least {@code minProminence} (0 keeps every maximum),
     * sorted by x. End samples are never peaks; a flat plateau counts once, at its middle sample.
     * x must be finite and strictly increasing, y finite, both the same length.
     */
    public static List<Peak> peaks(double[] x, double[] y, double minProminence) {
        requireCurve("y", y);
        requireAxis(x, y.length);
        InvalidInputException.requireFinite("minimum prominence", minProminence);
        List<Peak> result = new ArrayList<>();
        for (int p : localMaxima(y)) {
            Peak peak = measure(x, y, p);
            if (peak.prominence() >= minProminence) {
                result.add(peak);
            }
        }
        return result;
    }

    /**
     * The most prominent peak of the curve smoothed with {@code smoothingWindow} (see {@link #smooth}); its
     * height, prominence and width are those of the smoothed curve. Ties go to the smallest x; empty when the
     * smoothed curve has no interior maximum (e.g. monotone).
     */
    public static Optional<Peak> mostProminent(double[] x, double[] y, int smoothingWindow) {
        double[] ys = smooth(y, smoothingWindow);
        Peak best = null;
        for (Peak p : peaks(x, ys, 0.0)) {
            if (best == null || p.prominence() > best.prominence()) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Indices of local maxima; plateaus reported at their middle (scipy's {@code _local_maxima_1d}). */
    private static List<Integer> localMaxima(double[] y) {
        List<Integer> out = new ArrayList<>();
        int iMax = y.length - 1;
        int i = 1;
        while (i < iMax) {
            if (y[i - 1] < y[i]) {
                int ahead = i + 1;
                while (ahead < iMax && y[ahead] == y[i]) {
                    ahead++;
                }
                if (y[ahead] < y[i]) {
                    int left = i;
                    int right = ahead - 1;
                    out.add((left + right) / 2);
                    i = ahead;
                }
            }
            i++;
        }
        return out;
    }

    /** Prominence and half-prominence width of the maximum at sample p. */
    private static Peak measure(double[] x, double[] y, int p) {
        double h = y[p];
        int n = y.length;
        // prominence: lowest point on each side before a strictly higher sample (or the end), scipy definition
        int leftBase = p;
        double leftMin = h;
        for (int i = p; i >= 0 && y[i] <= h; i--) {
            if (y[i] < leftMin) {
                leftMin = y[i];
                leftBase = i;
            }
        }
        int rightBase = p;
        double rightMin = h;
        for (int i = p; i < n && y[i] <= h; i++) {
            if (y[i] < rightMin) {
                rightMin = y[i];
                rightBase = i;
            }
        }
        double prominence = h - Math.max(leftMin, rightMin);
        // width at half prominence, searched within the bases (scipy peak_widths, rel_height = 0.5)
        double level = h - 0.5 * prominence;
        int i = p;
        while (leftBase < i && level < y[i]) {
            i--;
        }
        double leftIp = i;
        if (y[i] < level) {
            leftIp += (level - y[i]) / (y[i + 1] - y[i]);
        }
        i = p;
        while (i < rightBase && level < y[i]) {
            i++;
        }
        double rightIp = i;
        if (y[i] < level) {
            rightIp -= (level - y[i]) / (y[i - 1] - y[i]);
        }
        double width = interpolate(x, rightIp) - interpolate(x, leftIp);
        return new Peak(p, x[p], h, prominence, width);
    }

    /** x at a fractional sample position, by linear interpolation between neighbouring samples. */
    private static double interpolate(double[] x, double pos) {
        int i = (int) Math.floor(pos);
        if (i >= x.length - 1) {
            return x[x.length - 1];
        }
        double f = pos - i;
        return f == 0 ? x[i] : x[i] + f * (x[i + 1] - x[i]);
    }

    private static void requireCurve(String name, double[] y) {
        if (y == null) {
            throw new InvalidInputException(name + " is missing");
        }
        InvalidInputException.requireAllFinite(name, y);
    }

    private static void requireAxis(double[] x, int n) {
        requireCurve("x", x);
        if (x.length != n) {
            throw new InvalidInputException("x has " + x.length + " samples but y has " + n);
        }
        for (int i = 1; i < n; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new InvalidInputException("x must be strictly increasing, but x[" + i + "] = " + x[i]
                        + " <= x[" + (i - 1) + "] = " + x[i - 1]);
            }
        }
    }
}
