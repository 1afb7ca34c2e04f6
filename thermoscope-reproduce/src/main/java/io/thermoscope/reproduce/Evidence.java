package io.thermoscope.reproduce;

import io.thermoscope.decision.Numbers;
import io.thermoscope.report.Claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers for stages: embedding saved figures and formatting numbers for the report. */
public final class Evidence {
    private Evidence() {
    }

    /** Embeds the saved figure {@code dir/base.svg} with a caption; the report links the file relative to the results. */
    public static Claim.Figure figure(StageContext ctx, String base, String caption) {
        Path svg = ctx.dir().resolve(base + ".svg");
        try {
            String rel = ctx.config().out().toAbsolutePath().relativize(svg.toAbsolutePath()).toString();
            return new Claim.Figure(caption, Files.readString(svg), rel.replace(".svg", ".{svg,png}"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read figure " + svg + ": " + e.getMessage(), e);
        }
    }

    /** A number with 4 significant digits (scientific when tiny or huge): {@link Numbers#format}. */
    public static String num(double v) {
        return Numbers.format(v);
    }
}
