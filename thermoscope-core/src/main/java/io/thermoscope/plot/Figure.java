package io.thermoscope.plot;


import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A 2-D chart — lines, dashed lines, points, error bars, shaded bands, reference lines, an optional right axis —
 * rendered identically to SVG (for reports) and PNG (Java2D, headless). Non-finite points (and non-positive
 * ones on log axes) are skipped, breaking the line.
 */
public final class Figure {
    /** Colour-blind-safe palette (Okabe–Ito). */
    static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
            new Color(240, 228, 66)};
    private static final Color GRID = new Color(230, 230, 230);
    private static final Color INK = new Color(40, 40, 40);

    private enum Kind { LINE, DASHED, POINTS, ERRORBARS, BAND }

    private record Series(Kind kind, String label, double[] x, double[] y, double[] y2, boolean right, Color color) {
    }

    private record Marker(boolean vertical, double value, String label) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private String rightLabel = "";
    private boolean logX;
    private boolean logY;
    private boolean linearRight;
    private int width = 760;
    private int height = 460;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private int colorIndex;

    /** A figure with a title and axis labels. */
    public Figure(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Logarithmic x axis. */
    public Figure logX() {
        logX = true;
        return this;
    }

    /** Logarithmic y axis (both left and right). */
    public Figure logY() {
        logY = true;
        return this;
    }

    /** Size in CSS pixels (PNG is rendered at 2×). */
    public Figure size(int w, int h) {
        width = w;
        height = h;
        return this;
    }

    /** Keeps the right-hand axis linear when {@link #logY} makes the left one logarithmic. */
    public Figure linearRight() {
        linearRight = true;
        return this;
    }

    /** Label of the right-hand axis (used by {@link #lineRight}). */
    public Figure rightLabel(String label) {
        rightLabel = label;
        return this;
    }

    private Figure add(Kind kind, String label, double[] x, double[] y, double[] y2, boolean right) {
        if (x.length != y.length || (y2 != null && y2.length != x.length)) {
            throw new IllegalArgumentException("series '" + label + "': x and y lengths differ");
        }
        Color c = kind == Kind.BAND && !series.isEmpty() && series.get(series.size() - 1).kind != Kind.BAND
                ? series.get(series.size() - 1).color : PALETTE[colorIndex++ % PALETTE.length];
        series.add(new Series(kind, label, x.clone(), y.clone(), y2 == null ? null : y2.clone(), right, c));
        return this;
    }

    /** A solid line. */
    public Figure line(String label, double[] x, double[] y) {
        return add(Kind.LINE, label, x, y, null, false);
    }

    /** A dashed line. */
    public Figure dashed(String label, double[] x, double[] y) {
        return add(Kind.DASHED, label, x, y, null, false);
    }

    /** Markers without a line. */
    public Figure points(String label, double[] x, double[] y) {
        return add(Kind.POINTS, label, x, y, null, false);
    }

    /** Markers with symmetric vertical error bars ±yErr. */
    public Figure errorBars(String label, double[] x, double[] y, double[] yErr) {
        return add(Kind.ERRORBARS, label, x, y, yErr, false);
    }

    /** A shaded band between lo and hi (takes the colour of the series added just before it, if any). */
    public Figure band(String label, double[] x, double[] lo, double[] hi) {
        return add(Kind.BAND, label, x, lo, hi, false);
    }

    /** A dashed line against the right-hand axis. */
    public Figure lineRight(String label, double[] x, double[] y) {
        return add(Kind.DASHED, label, x, y, null, true);
    }

    /** A vertical reference line at x. */
    public Figure vline(double x, String label) {
        markers.add(new Marker(true, x, label));
        return this;
    }

    /** A horizontal reference line at y (left axis). */
    public Figure hline(double y, String label) {
        markers.add(new Marker(false, y, label));
        return this;
    }

    private Axis axis(boolean isX, boolean right) {
        boolean log = isX ? logX : logY && !(right && linearRight);
        Axis probe = new Axis(log, 0, 1);
        Axis xProbe = new Axis(logX, 0, 1);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            if (!isX && s.right != right) continue;
            for (int i = 0; i < s.x.length; i++) {
                if (!xProbe.accepts(s.x[i])) continue;
                double[] vals = isX ? new double[] {s.x[i]}
                        : s.kind == Kind.ERRORBARS ? new double[] {s.y[i] - s.y2[i], s.y[i] + s.y2[i], s.y[i]}
                        : s.kind == Kind.BAND ? new double[] {s.y[i], s.y2[i]} : new double[] {s.y[i]};
                for (double v : vals) {
                    if (probe.accepts(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        for (Marker m : markers) {
            if (m.vertical == isX && !right && probe.accepts(m.value)) {
                lo = Math.min(lo, m.value);
                hi = Math.max(hi, m.value);
            }
        }
        return Axis.fit(log, lo, hi, true);
    }

    private void draw(Canvas c) {
        boolean hasRight = series.stream().anyMatch(Series::right);
        double left = 78, rightMargin = hasRight ? 78 : 24, top = 44, bottom = 58;
        double pw = width - left - rightMargin, ph = height - top - bottom;
        Axis ax = axis(true, false), ay = axis(false, false), ayr = hasRight ? axis(false, true) : null;
        c.text(width / 2.0, 26, title, 16, Canvas.Anchor.MIDDLE, false, INK, true);
        // grid and ticks
        for (double t : ax.ticks()) {
            double px = left + ax.fraction(t) * pw;
            c.line(px, top, px, top + ph, GRID, 1, false);
            c.text(px, top + ph + 18, Axis.label(t), 11, Canvas.Anchor.MIDDLE, false, INK, false);
        }
        for (double t : ay.ticks()) {
            double py = top + (1 - ay.fraction(t)) * ph;
            c.line(left, py, left + pw, py, GRID, 1, false);
            c.text(left - 6, py + 4, Axis.label(t), 11, Canvas.Anchor.END, false, INK, false);
        }
        if (ayr != null) {
            for (double t : ayr.ticks()) {
                double py = top + (1 - ayr.fraction(t)) * ph;
                c.text(left + pw + 6, py + 4, Axis.label(t), 11, Canvas.Anchor.START, false, INK, false);
            }
            c.text(width - 16, top + ph / 2, rightLabel, 13, Canvas.Anchor.MIDDLE, true, INK, false);
        }
        c.rect(left, top, pw, ph, null, INK);
        c.text(left + pw / 2, height - 14, xLabel, 13, Canvas.Anchor.MIDDLE, false, INK, false);
        c.text(20, top + ph / 2, yLabel, 13, Canvas.Anchor.MIDDLE, true, INK, false);
        // series
        for (Series s : series) {
            Axis y = s.right ? ayr : ay;
            int n = s.x.length;
            double[] xs = new double[n], ys = new double[n];
            if (s.kind == Kind.BAND) {
                double[] bx = new double[2 * n], by = new double[2 * n];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (ax.accepts(s.x[i]) && y.accepts(s.y[i]) && y.accepts(s.y2[i])) {
                        bx[k] = px(ax, s.x[i], left, pw);
                        by[k++] = py(y, s.y2[i], top, ph);
                    }
                }
                for (int i = n - 1; i >= 0; i--) {
                    if (ax.accepts(s.x[i]) && y.accepts(s.y[i]) && y.accepts(s.y2[i])) {
                        bx[k] = px(ax, s.x[i], left, pw);
                        by[k++] = py(y, s.y[i], top, ph);
                    }
                }
                c.polygon(bx, by, k, s.color, 0.22);
                continue;
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                boolean ok = ax.accepts(s.x[i]) && y.accepts(s.y[i]);
                if (ok) {
                    xs[k] = px(ax, s.x[i], left, pw);
                    ys[k++] = py(y, s.y[i], top, ph);
                }
                if ((!ok || i == n - 1) && (s.kind == Kind.LINE || s.kind == Kind.DASHED)) {
                    c.polyline(xs, ys, k, s.color, 2, s.kind == Kind.DASHED);
                    k = 0;
                }
                if (ok && (s.kind == Kind.POINTS || s.kind == Kind.ERRORBARS)) {
                    double cx = xs[k - 1], cy = ys[k - 1];
                    if (s.kind == Kind.ERRORBARS && Double.isFinite(s.y2[i])) {
                        double lo = s.y[i] - s.y2[i], hi = s.y[i] + s.y2[i];
                        double pl = y.accepts(lo) ? py(y, lo, top, ph) : top + ph, ph2 = py(y, hi, top, ph);
                        c.line(cx, pl, cx, ph2, s.color, 1.4, false);
                        c.line(cx - 4, pl, cx + 4, pl, s.color, 1.4, false);
                        c.line(cx - 4, ph2, cx + 4, ph2, s.color, 1.4, false);
                    }
                    c.circle(cx, cy, 3.5, s.color);
                }
            }
        }
        for (Marker m : markers) {
            if (m.vertical && ax.accepts(m.value)) {
                double px = px(ax, m.value, left, pw);
                c.line(px, top, px, top + ph, new Color(120, 120, 120), 1.2, true);
                c.text(px + 4, top + 14, m.label, 11, Canvas.Anchor.START, false, new Color(90, 90, 90), false);
            } else if (!m.vertical && ay.accepts(m.value)) {
                double py = py(ay, m.value, top, ph);
                c.line(left, py, left + pw, py, new Color(120, 120, 120), 1.2, true);
                c.text(left + pw - 4, py - 4, m.label, 11, Canvas.Anchor.END, false, new Color(90, 90, 90), false);
            }
        }
        // legend
        double ly = top + 16;
        double lx = left + pw - 10;
        List<Series> labelled = series.stream().filter(s -> s.label != null && !s.label.isEmpty()).toList();
        if (!labelled.isEmpty()) {
            double boxW = 0;
            for (Series s : labelled) boxW = Math.max(boxW, 7.0 * s.label.length() + 34);
            c.rect(lx - boxW, top + 4, boxW, 18.0 * labelled.size() + 6, Color.WHITE, GRID);
            for (Series s : labelled) {
                double x0 = lx - boxW + 6;
                if (s.kind == Kind.BAND) c.rect(x0, ly - 6, 20, 8, s.color.brighter(), null);
                else if (s.kind == Kind.POINTS || s.kind == Kind.ERRORBARS) c.circle(x0 + 10, ly - 3, 3.5, s.color);
                else c.line(x0, ly - 3, x0 + 20, ly - 3, s.color, 2, s.kind == Kind.DASHED);
                c.text(x0 + 26, ly + 1, s.label, 11, Canvas.Anchor.START, false, INK, false);
                ly += 18;
            }
        }
    }

    private static double px(Axis a, double v, double left, double pw) {
        return left + a.fraction(v) * pw;
    }

    private static double py(Axis a, double v, double top, double ph) {
        return top + (1 - a.fraction(v)) * ph;
    }

    /** The figure as a standalone SVG document. */
    public String toSvg() {
        SvgCanvas c = new SvgCanvas(width, height);
        draw(c);
        return c.finish();
    }

    /** The figure rendered to an image at {@code scale}× the CSS size. */
    public BufferedImage toImage(double scale) {
        Java2dCanvas c = new Java2dCanvas(width, height, scale);
        draw(c);
        return c.finish();
    }

    /** Writes {@code dir/base.svg} and {@code dir/base.png} (2×) atomically; returns the SVG path. */
    public Path save(Path dir, String base) {
        return Figures.save(dir, base, toSvg(), toImage(2));
    }
}
