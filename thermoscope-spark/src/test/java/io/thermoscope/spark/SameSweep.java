package io.thermoscope.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two sweep directories hold the same results: the same files, every CSV, SVG, PNG and {@code sweep.json} byte for
 * byte, every checkpoint byte for byte (a checkpoint holds no timing), every other JSON equal once
 * the provenance (time of creation, command line) and the wall-clock seconds are removed — the only fields in which
 * two plain runs of the same sweep differ.
 */
final class SameSweep {
    private static final List<String> CLOCK_FIELDS = List.of("provenance", "wallSeconds", "evalSeconds", "monitorSeconds",
            "monitorFraction");

    private SameSweep() {
    }

    static void assertSame(Path expected, Path actual) throws IOException {
        Set<String> a = files(expected), b = files(actual);
        assertEquals(a, b, "file sets differ");
        for (String f : a) {
            Path x = expected.resolve(f), y = actual.resolve(f);
            if (f.endsWith(".json") && !f.equals("sweep.json")) {
                assertEquals(withoutClocks(x), withoutClocks(y), f);
            } else {
                assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), f);
            }
        }
    }

    static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Set<String> out = new TreeSet<>();
            s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
            return out;
        }
    }

    private static JsonNode withoutClocks(Path json) throws IOException {
        JsonNode n = Json.mapper().readTree(json.toFile());
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) CLOCK_FIELDS.forEach(o::remove);
        n.forEach(SameSweep::strip);
    }
}
