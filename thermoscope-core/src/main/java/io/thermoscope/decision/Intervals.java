package io.thermoscope.decision;

/** Checks shared by the interval rules. */
final class Intervals {
    private Intervals() {
    }

    /**
     * Requires that {@code e}'s interval has the confidence level the rule states (an exact number qualifies at
     * every level): a rule must not silently read a 68 % interval as a 95 % one.
     */
    static void requireLevel(Estimate e, double confidence) {
        boolean exact = e.confidence() == 1 && e.low() == e.high();
        if (!exact && Math.abs(e.confidence() - confidence) > 1e-12) {
            throw new IllegalArgumentException("the rule reads " + Numbers.percent(confidence) + " intervals, got "
                    + Numbers.percent(e.confidence()));
        }
    }
}
