package io.thermoscope.cli;

import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;

import java.io.PrintWriter;
import java.nio.file.Path;

/** How commands emit results: JSON on stdout, or atomically to a file; always with provenance. */
public final class Output {
    private Output() {
    }

    /** Provenance of this invocation with the given seed ({@code null} when the command has none). */
    public static Provenance provenance(Long seed) {
        return Provenance.capture(Main.invocation(), seed);
    }

    /** Writes {@code result} + provenance as JSON to {@code file}, or to {@code out} when {@code file} is null. */
    public static void json(Object result, Long seed, Path file, PrintWriter out) {
        var node = Json.withProvenance(result, provenance(seed));
        if (file == null) {
            out.print(Json.toJson(node));
            out.flush();
        } else {
            Json.write(file, node);
        }
    }
}
