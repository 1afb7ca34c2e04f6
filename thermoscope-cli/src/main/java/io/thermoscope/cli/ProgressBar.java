package io.thermoscope.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for long commands: {@code label [#####-----]  45%  12.3 s, ~15 s left  extra}.
 * On a terminal it redraws in place with {@code \r}, at most 10 times a second, and only once the job has run
 * longer than a short delay (2 s by default, so quick runs print nothing). When stderr is not a terminal it stays
 * silent and {@link #finish} prints one final line; {@link #close} without finish (a failure) prints nothing. Thread-safe: workers may call {@link #update} concurrently.
 * Typical use: {@code try (var bar = ProgressBar.onStderr("langevin", total, err)) { … bar.update(done, ""); …
 * bar.finish("done"); }}.
 */
public final class ProgressBar implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L; // at most ~10 redraws per second
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintWriter err;
    private final boolean interactive;
    private final long delayNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;
    private boolean finished;
    private long done;

    /**
     * A bar writing to {@code err}; {@code interactive} selects in-place redrawing, {@code delayNanos} the time
     * before the first redraw, {@code clock} the nanosecond clock (tests pass a fake one).
     */
    public ProgressBar(String label, long total, PrintWriter err, boolean interactive, long delayNanos,
                       LongSupplier clock) {
        this.label = label;
        this.total = Math.max(total, 0);
        this.err = err;
        this.interactive = interactive;
        this.delayNanos = delayNanos;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** A bar on {@code err} that redraws only when the process is attached to a terminal; 2 s delay. */
    public static ProgressBar onStderr(String label, long total, PrintWriter err) {
        return new ProgressBar(label, total, err, isTerminal(), 2_000_000_000L, System::nanoTime);
    }

    /** Whether this process talks to a terminal ({@link Console#isTerminal()} where the JDK has it). */
    public static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless interactive
        }
    }

    /** Reports {@code done} of the total units; {@code extraText} is shown after the bar (may be empty). */
    public synchronized void update(long done, String extraText) {
        if (finished) {
            return;
        }
        this.done = Math.min(Math.max(done, this.done), total);
        long now = clock.getAsLong();
        if (!interactive || now - start < delayNanos || (drawn && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        draw(line(now, extraText), false);
    }

    /** Completes the bar: a final line (also when stderr is not a terminal) ending with {@code extraText}. */
    public synchronized void finish(String extraText) {
        if (finished) {
            return;
        }
        finished = true;
        done = total;
        long now = clock.getAsLong();
        String text = String.format(Locale.ROOT, "%s: done in %.1f s%s", label, (now - start) * 1e-9,
                extraText == null || extraText.isEmpty() ? "" : "  " + extraText);
        if (interactive && drawn) {
            draw(text, true);
        } else {
            err.println(text);
            err.flush();
        }
    }

    /**
     * Ends the bar if {@link #finish} was not called (for try-with-resources, i.e. the job failed): erases a
     * drawn bar and prints nothing else, so that a failure's stderr is its one error line.
     */
    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (interactive && drawn) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }

    /** Units reported so far. */
    public synchronized long done() {
        return done;
    }

    String line(long now, String extraText) {
        double f = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(f * WIDTH);
        double elapsed = (now - start) * 1e-9;
        String eta = f > 0 && f < 1 ? String.format(Locale.ROOT, ", ~%.0f s left", elapsed * (1 - f) / f) : "";
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%%  %.1f s%s%s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), 100 * f, elapsed, eta,
                extraText == null || extraText.isEmpty() ? "" : "  " + extraText);
    }

    private void draw(String text, boolean last) {
        String pad = text.length() < lastLength ? " ".repeat(lastLength - text.length()) : "";
        err.print("\r" + text + pad + (last ? "\n" : ""));
        err.flush();
        lastLength = text.length();
        drawn = true;
    }
}
