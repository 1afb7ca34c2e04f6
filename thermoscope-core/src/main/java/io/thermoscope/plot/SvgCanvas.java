package io.thermoscope.plot;

import java.awt.Color;
import java.util.Locale;

/** Builds a standalone SVG document. */
final class SvgCanvas implements Canvas {
    private final StringBuilder sb = new StringBuilder();

    SvgCanvas(int width, int height) {
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", width, height, width, height));
        sb.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Color color, double width, boolean dashed) {
        if (n < 2) return;
        sb.append("<polyline fill=\"none\" stroke=\"").append(hex(color)).append("\" stroke-width=\"").append(num(width))
                .append('"');
        if (dashed) sb.append(" stroke-dasharray=\"6,4\"");
        sb.append(" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < n; i++) sb.append(num(xs[i])).append(',').append(num(ys[i])).append(' ');
        sb.append("\"/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, Color fill, double opacity) {
        if (n < 3) return;
        sb.append("<polygon stroke=\"none\" fill=\"").append(hex(fill)).append("\" fill-opacity=\"").append(num(opacity))
                .append("\" points=\"");
        for (int i = 0; i < n; i++) sb.append(num(xs[i])).append(',').append(num(ys[i])).append(' ');
        sb.append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill == null ? "none" : hex(fill))
                .append('"');
        if (stroke != null) sb.append(" stroke=\"").append(hex(stroke)).append("\" stroke-width=\"1\"");
        sb.append("/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill) {
        sb.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"").append(num(r))
                .append("\" fill=\"").append(hex(fill)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, Color color, boolean bold) {
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(num(size))
                .append("\" text-anchor=\"").append(a).append("\" fill=\"").append(hex(color)).append('"');
        if (bold) sb.append(" font-weight=\"bold\"");
        if (vertical) sb.append(" transform=\"rotate(-90 ").append(num(x)).append(' ').append(num(y)).append(")\"");
        sb.append('>').append(escape(s)).append("</text>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    String finish() {
        return sb + "</svg>\n";
    }
}
