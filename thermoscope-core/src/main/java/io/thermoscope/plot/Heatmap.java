package io.thermoscope.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.awt.image.BufferedImage;

/**
 * A colour-coded grid (rows drawn top to bottom) with a colour bar, in SVG and PNG. NaN cells are grey.
 * Used for layer × head atlases and phase diagrams.
 */
public final class Heatmap {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[][] values;
    private String[] xTicks;
    private String[] yTicks;
    private String colorbarLabel = "";
    private int width = 760;
    private int height = 520;
    private Double vmin;
    private Double vmax;

    /** A heatmap of {@code values[row][col]}; all rows must have the same length. */
    public Heatmap(String title, String xLabel, String yLabel, double[][] values) {
        if (values.length == 0 || values[0].length == 0) throw new IllegalArgumentException("heatmap needs values");
        for (double[] r : values) {
            if (r.length != values[0].length) throw new IllegalArgumentException("heatmap rows differ in length");
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.values = values;
    }

    /** Labels of the columns (shown thinned when many). */
    public Heatmap xTicks(String[] ticks) {
        xTicks = ticks.clone();
        return this;
    }

    /** Labels of the rows. */
    public Heatmap yTicks(String[] ticks) {
        yTicks = ticks.clone();
        return this;
    }

    /** Label of the colour bar. */
    public Heatmap colorbarLabel(String label) {
        colorbarLabel = label;
        return this;
    }

    /** Fixes the colour range instead of the data's min and max. */
    public Heatmap range(double min, double max) {
        vmin = min;
        vmax = max;
        return this;
    }

    /** Size in CSS pixels. */
    public Heatmap size(int w, int h) {
        width = w;
        height = h;
        return this;
    }

    /** Viridis colour for t in [0, 1] (piecewise-linear through 9 reference colours). */
    static Color viridis(double t) {
        int[][] k = {{68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142}, {31, 158, 137},
                {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37}};
        t = Math.max(0, Math.min(1, t)) * (k.length - 1);
        int i = Math.min((int) t, k.length - 2);
        double f = t - i;
        return new Color((int) Math.round(k[i][0] + f * (k[i + 1][0] - k[i][0])),
                (int) Math.round(k[i][1] + f * (k[i + 1][1] - k[i][1])), (int) Math.round(k[i][2] + f * (k[i + 1][2] - k[i][2])));
    }

    private void draw(Canvas c) {
        int rows = values.length, cols = values[0].length;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] r : values) {
            for (double v : r) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (vmin != null) lo = vmin;
        if (vmax != null) hi = vmax;
        if (!(hi > lo)) {
            hi = (Double.isFinite(lo) ? lo : 0) + 1;
            lo = hi - 2;
        }
        double left = 80, right = 110, top = 44, bottom = 60;
        double pw = width - left - right, ph = height - top - bottom;
        double cw = pw / cols, ch = ph / rows;
        Color ink = new Color(40, 40, 40);
        c.text(width / 2.0, 26, title, 16, Canvas.Anchor.MIDDLE, false, ink, true);
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                double v = values[r][col];
                Color fill = Double.isFinite(v) ? viridis((v - lo) / (hi - lo)) : new Color(200, 200, 200);
                c.rect(left + col * cw, top + r * ch, cw + 0.5, ch + 0.5, fill, null);
            }
        }
        c.rect(left, top, pw, ph, null, ink);
        int xStep = Math.max(1, (int) Math.ceil(cols / 16.0)), yStep = Math.max(1, (int) Math.ceil(rows / 16.0));
        for (int col = 0; col < cols; col += xStep) {
            String s = xTicks != null && col < xTicks.length ? xTicks[col] : Integer.toString(col);
            c.text(left + (col + 0.5) * cw, top + ph + 16, s, 11, Canvas.Anchor.MIDDLE, false, ink, false);
        }
        for (int r = 0; r < rows; r += yStep) {
            String s = yTicks != null && r < yTicks.length ? yTicks[r] : Integer.toString(r);
            c.text(left - 6, top + (r + 0.5) * ch + 4, s, 11, Canvas.Anchor.END, false, ink, false);
        }
        c.text(left + pw / 2, height - 16, xLabel, 13, Canvas.Anchor.MIDDLE, false, ink, false);
        c.text(22, top + ph / 2, yLabel, 13, Canvas.Anchor.MIDDLE, true, ink, false);
        // colour bar
        double bx = left + pw + 22, bw = 16;
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double y0 = top + ph * (1 - (i + 1.0) / steps);
            c.rect(bx, y0, bw, ph / steps + 0.5, viridis((i + 0.5) / steps), null);
        }
        c.rect(bx, top, bw, ph, null, ink);
        Axis a = new Axis(false, lo, hi);
        for (double t : a.ticks()) {
            double y = top + (1 - a.fraction(t)) * ph;
            c.text(bx + bw + 4, y + 4, Axis.label(t), 10, Canvas.Anchor.START, false, ink, false);
        }
        c.text(width - 10, top + ph / 2, colorbarLabel, 12, Canvas.Anchor.MIDDLE, true, ink, false);
    }

    /** The heatmap as a standalone SVG document. */
    public String toSvg() {
        SvgCanvas c = new SvgCanvas(width, height);
        draw(c);
        return c.finish();
    }

    /** The heatmap rendered at {@code scale}×. */
    public BufferedImage toImage(double scale) {
        Java2dCanvas c = new Java2dCanvas(width, height, scale);
        draw(c);
        return c.finish();
    }

    /** Writes {@code dir/base.svg} and {@code dir/base.png} atomically; returns the SVG path. */
    public Path save(Path dir, String base) {
        return Figures.save(dir, base, toSvg(), toImage(2));
    }
}
