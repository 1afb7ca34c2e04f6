package io.thermoscope.train;

import io.thermoscope.InvalidInputException;

import java.util.Locale;

/**
 * The grokking gate, applied to every run: a run groks only if validation accuracy stays low long after
 * memorisation — t_val50 − t_train99 ≥ max(delayFactor · t_train99, minDelaySteps) — and then reaches
 * {@code generalised}. t_train99 is the first evaluation with train accuracy ≥ {@code memorised}, t_val50 the
 * first with validation accuracy ≥ {@code onset}.
 *
 * @param memorised     train accuracy that marks memorisation (0.99)
 * @param onset         validation accuracy of t_val50 (0.5)
 * @param generalised   validation accuracy a grokking run must reach (0.95)
 * @param delayFactor   the delay must be at least this multiple of t_train99 (5)
 * @param minDelaySteps and at least this many steps (500)
 */
public record GrokGate(double memorised, double onset, double generalised, double delayFactor, int minDelaySteps) {

    /** The gate: 0.99, 0.5, 0.95, 5 × t_train99, 500 steps. */
    public static final GrokGate DEFAULT = new GrokGate(0.99, 0.5, 0.95, 5, 500);

    /** Validates; one-line messages. */
    public GrokGate {
        if (!(memorised > 0 && memorised <= 1)) throw new InvalidInputException("gate: memorised accuracy must lie in (0, 1], got " + memorised);
        if (!(onset > 0 && onset < 1)) throw new InvalidInputException("gate: onset accuracy must lie in (0, 1), got " + onset);
        if (!(generalised >= onset && generalised <= 1)) {
            throw new InvalidInputException("gate: generalised accuracy must lie in [onset " + onset + ", 1], got " + generalised);
        }
        if (!(delayFactor >= 0) || !Double.isFinite(delayFactor)) throw new InvalidInputException("gate: delay factor must be >= 0 and finite, got " + delayFactor);
        if (minDelaySteps < 0) throw new InvalidInputException("gate: minimum delay must be >= 0 steps, got " + minDelaySteps);
    }

    /** The required delay for a run that memorised at {@code tTrain99}. */
    public double requiredDelay(int tTrain99) {
        return Math.max(delayFactor * tTrain99, minDelaySteps);
    }

    /** The gate as a sentence. */
    public String text() {
        return String.format(Locale.ROOT, "a run groks if t_val%.0f − t_train%.0f ≥ max(%s·t_train%.0f, %d steps) and validation "
                        + "accuracy then reaches %s (t_train%.0f: first evaluation with train accuracy ≥ %s; t_val%.0f: first "
                        + "with validation accuracy ≥ %s)", 100 * onset, 100 * memorised, fmt(delayFactor), 100 * memorised,
                minDelaySteps, fmt(generalised), 100 * memorised, fmt(memorised), 100 * onset, fmt(onset));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
