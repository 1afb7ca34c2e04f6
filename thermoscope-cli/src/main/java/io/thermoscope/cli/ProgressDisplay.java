package io.thermoscope.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Two progress bars on one terminal line: the overall run and the current stage. Redrawn with a carriage return at
 * most ten times a second; when stderr is not a terminal only stage headers are printed.
 */
final class ProgressDisplay {
    private final PrintWriter err;
    private final boolean tty = System.console() != null;
    private String title = "";
    private double base;
    private double share;
    private long lastDraw;
    private int width;

    ProgressDisplay(PrintWriter err) {
        this.err = err;
    }

    void stage(int index, int count, String stageTitle, double doneFraction, double stageShare) {
        title = String.format(Locale.ROOT, "[%d/%d] %s", index + 1, count, stageTitle);
        base = doneFraction;
        share = stageShare;
        if (!tty) {
            err.println(title + " ...");
            err.flush();
        }
        lastDraw = 0;
        progress(0, "");
    }

    void progress(double fraction, String detail) {
        if (!tty) return;
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && fraction < 1) return;
        lastDraw = now;
        double f = Math.max(0, Math.min(1, fraction));
        String line = String.format(Locale.ROOT, "overall %s %3.0f%%  %s %s %3.0f%% %s", bar(base + share * f, 20),
                100 * (base + share * f), title, bar(f, 16), 100 * f, detail == null ? "" : detail);
        if (line.length() > 150) line = line.substring(0, 150);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        err.flush();
    }

    void clear() {
        if (!tty || width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }

    private static String bar(double f, int n) {
        int k = (int) Math.round(Math.max(0, Math.min(1, f)) * n);
        return "[" + "#".repeat(k) + "-".repeat(n - k) + "]";
    }
}
