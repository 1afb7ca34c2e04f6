package io.thermoscope.plot;

import io.thermoscope.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writing rendered figures: SVG text and PNG bytes, both atomically. */
final class Figures {
    private Figures() {
    }

    static Path save(Path dir, String base, String svg, BufferedImage png) {
        Path svgPath = dir.resolve(base + ".svg");
        AtomicFiles.writeString(svgPath, svg);
        AtomicFiles.write(dir.resolve(base + ".png"), pngBytes(png));
        return svgPath;
    }

    static byte[] pngBytes(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
        }
    }
}
