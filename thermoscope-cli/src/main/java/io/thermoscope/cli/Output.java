package io.thermoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * How commands emit results: JSON on stdout, or atomically to a file; always with provenance. A number that is not
 * finite — undefined (NaN: no peak, no fit) or beyond the double range (±∞: Var(E) of energies near 1e308) — is
 * written as {@code null}: the output never carries NaN or Infinity as a number. (An infinity the mathematics
 * means, such as χ at γ = 1, is written by its command as the string "Infinity" with a note.)
 */
public final class Output {
    private Output() {
    }

    /** Provenance of this invocation with the given seed ({@code null} when the command has none). */
    public static Provenance provenance(Long seed) {
        return Provenance.capture(Main.invocation(), seed);
    }

    /** Writes {@code result} + provenance as JSON to {@code file}, or to {@code out} when {@code file} is null. */
    public static void json(Object result, Long seed, Path file, PrintWriter out) {
        var node = finite(Json.withProvenance(result, provenance(seed)));
        if (file == null) {
            out.print(Json.toJson(node));
            out.flush();
        } else {
            Json.write(file, node);
        }
    }

    /** {@code node} with every non-finite number replaced by null (in place). */
    static <N extends JsonNode> N finite(N node) {
        if (node instanceof ObjectNode o) {
            for (var it = o.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (isNonFinite(e.getValue())) e.setValue(NullNode.getInstance());
                else finite(e.getValue());
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (isNonFinite(a.get(i))) a.set(i, NullNode.getInstance());
                else finite(a.get(i));
            }
        }
        return node;
    }

    private static boolean isNonFinite(JsonNode n) {
        return n.isFloatingPointNumber() && !Double.isFinite(n.doubleValue());
    }
}
