package io.thermoscope.plot;

import java.awt.Color;

/** The drawing primitives a figure needs; implemented once for SVG text and once for Java2D (PNG). */
interface Canvas {
    /** Anchor of a text run relative to its x coordinate. */
    enum Anchor { START, MIDDLE, END }

    void polyline(double[] xs, double[] ys, int n, Color color, double width, boolean dashed);

    void polygon(double[] xs, double[] ys, int n, Color fill, double opacity);

    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    void circle(double cx, double cy, double r, Color fill);

    void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, Color color, boolean bold);

    default void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        polyline(new double[] {x1, x2}, new double[] {y1, y2}, 2, color, width, dashed);
    }
}
