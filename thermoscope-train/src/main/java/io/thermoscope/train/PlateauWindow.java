package io.thermoscope.train;

import io.thermoscope.InvalidInputException;

import java.util.Locale;

/**
 * Where and how a precursor peak is searched: only inside the plateau, from the end of the memorisation transient
 * t_train99 + transient·(t_onset − t_train99) to the onset t_onset, on the curve smoothed by a centred moving
 * average of {@code smooth} evaluations; a peak counts only if its prominence is at least {@code minProminence}
 * times the curve's evaluation-to-evaluation noise (1.4826·MAD of first differences / √2 of the raw curve inside
 * the window). Two observables' peaks coincide when their normalised positions
 * φ = (t_peak − t_train99)/(t_onset − t_train99) differ by at most {@code coincidence}.
 *
 * @param transientFraction   fraction of the plateau left out after t_train99 as the memorisation transient, in [0, 0.5)
 * @param smooth        odd moving-average window, in evaluations
 * @param minProminence minimum prominence in units of the noise, ≥ 0
 * @param coincidence   largest |Δφ| of two coinciding peaks, in (0, 1]
 */
public record PlateauWindow(double transientFraction, int smooth, double minProminence, double coincidence) {

    /** 10 % transient, 5-evaluation smoothing, 3 σ prominence, |Δφ| ≤ 0.1. */
    public static final PlateauWindow DEFAULT = new PlateauWindow(0.1, 5, 3, 0.1);

    /** Validates; one-line messages. */
    public PlateauWindow {
        if (!(transientFraction >= 0 && transientFraction < 0.5)) throw new InvalidInputException("window: transient fraction must lie in [0, 0.5), got " + transientFraction);
        if (smooth < 1 || smooth % 2 == 0 || smooth > 101) throw new InvalidInputException("window: smoothing must be an odd number of evaluations in [1, 101], got " + smooth);
        if (!(minProminence >= 0) || !Double.isFinite(minProminence)) throw new InvalidInputException("window: minimum prominence must be >= 0 noise units, got " + minProminence);
        if (!(coincidence > 0 && coincidence <= 1)) throw new InvalidInputException("window: coincidence must lie in (0, 1], got " + coincidence);
    }

    /** The window as a sentence. */
    public String text() {
        return String.format(Locale.ROOT, "peaks are searched only inside the plateau [t_train99 + %.2g·(t_onset − t_train99), "
                + "t_onset) on a %d-evaluation moving average and count if their prominence is ≥ %.3g × the "
                + "evaluation-to-evaluation noise; φ = (t_peak − t_train99)/(t_onset − t_train99); two peaks coincide "
                + "when |Δφ| ≤ %.3g", transientFraction, smooth, minProminence, coincidence);
    }
}
