package io.thermoscope.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Figures render to well-formed SVG and decodable PNG, and draw what they were given. */
class FigureTest {

    @Test
    void lineFigureWritesWellFormedSvgAndPng(@TempDir Path dir) throws Exception {
        double[] x = {1, 2, 3, 4}, y = {1, 4, 9, 16};
        Path svg = new Figure("t <&>", "x", "y").logX().line("squares", x, y).band("", x, new double[] {0, 3, 8, 15},
                new double[] {2, 5, 10, 17}).errorBars("err", x, y, new double[] {1, 1, 1, 1}).lineRight("r", x, x)
                .rightLabel("right").vline(2.5, "mark").hline(5, "h").save(dir, "fig");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(doc.getElementsByTagName("polyline").getLength() >= 2, "lines drawn");
        assertTrue(doc.getElementsByTagName("polygon").getLength() == 1, "one band");
        var png = ImageIO.read(dir.resolve("fig.png").toFile());
        assertEquals(1520, png.getWidth());
        // the image is not blank: some pixels are neither white nor grid-grey
        int coloured = 0;
        for (int i = 0; i < png.getWidth(); i += 4) for (int j = 0; j < png.getHeight(); j += 4) {
            int rgb = png.getRGB(i, j) & 0xffffff;
            int r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
            if (Math.abs(r - b) > 60 || Math.abs(g - b) > 60) coloured++;
        }
        assertTrue(coloured > 50, "coloured pixels: " + coloured);
    }

    @Test
    void nonFiniteAndNonPositiveOnLogAxesAreSkipped() {
        String svg = new Figure("t", "x", "y").logY().line("l", new double[] {1, 2, 3, 4}, new double[] {1, Double.NaN, -1, 5})
                .toSvg();
        assertTrue(!svg.contains("NaN") && !svg.contains("Infinity"));
    }

    @Test
    void heatmapColoursSpanViridis(@TempDir Path dir) throws Exception {
        double[][] v = {{0, 1, 2}, {3, Double.NaN, 5}};
        Path svg = new Heatmap("h", "head", "layer", v).colorbarLabel("C_v").save(dir, "hm");
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("#440154"), "minimum is viridis purple");
        assertTrue(text.contains("#fde725"), "maximum is viridis yellow");
        assertTrue(text.contains("#c8c8c8"), "NaN cell grey");
        assertTrue(Files.size(dir.resolve("hm.png")) > 1000);
    }
}
