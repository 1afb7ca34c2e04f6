package io.thermoscope;

import java.util.Locale;

/**
 * Up-front refusal of computations this machine cannot afford: the caller estimates the memory (bytes) or the run
 * time (seconds) its parameters need, and the estimate is refused, with its size, when it exceeds what this JVM may
 * allocate or one hour — instead of an out-of-memory error after a minute, or a command that never returns.
 */
public final class Budget {
    /** Longest estimated run time accepted for one computation, in seconds. */
    public static final double MAX_SECONDS = 3600;
    /** Fraction of the JVM's maximum heap one computation may plan to use. */
    public static final double HEAP_FRACTION = 0.8;

    private Budget() {
    }

    /** Throws {@link InvalidInputException} when {@code bytes} exceed {@value #HEAP_FRACTION} of the maximum heap. */
    public static void requireMemory(String what, double bytes) {
        double available = HEAP_FRACTION * Runtime.getRuntime().maxMemory();
        if (!(bytes <= available)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s needs about %s of memory, more than the %s this JVM may use (THERMOSCOPE_JAVA_OPTS=-Xmx... "
                            + "raises it)", what, size(bytes), size(available)));
        }
    }

    /** Throws {@link InvalidInputException} when {@code seconds} exceed {@link #MAX_SECONDS}. */
    public static void requireTime(String what, double seconds) {
        if (!(seconds <= MAX_SECONDS)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s would run about %s on this machine (more than the 1-hour limit for one command); ask for less",
                    what, duration(seconds)));
        }
    }

    /** Processors this JVM may use (for time estimates that divide work over threads). */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String size(double bytes) {
        if (!Double.isFinite(bytes)) return "more than any machine has";
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.3g GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.3g MB", bytes / 1e6);
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds > 3.15e13) return "longer than a million years";
        if (seconds >= 3.15e7) return String.format(Locale.ROOT, "%.3g years", seconds / 3.15e7);
        if (seconds >= 86400) return String.format(Locale.ROOT, "%.3g days", seconds / 86400);
        return String.format(Locale.ROOT, "%.3g hours", seconds / 3600);
    }
}
