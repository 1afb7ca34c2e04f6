package io.thermoscope.io;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A result written with its provenance reads back as the record; unreadable files are one-line bad input. */
class JsonTest {
    record Result(String name, double value, List<Integer> counts) {
    }

    @Test
    void readsBackWhatWithProvenanceWrote(@TempDir Path dir) {
        Result r = new Result("a", 0.25, List.of(1, 2));
        Path f = dir.resolve("summary.json");
        Json.write(f, Json.withProvenance(r, Provenance.capture(List.of("test"), 7L)));
        assertEquals(r, Json.readWithoutProvenance(f, Result.class));
    }

    @Test
    void unreadableOrMisshapenFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        for (Path f : List.of(broken, array, dir.resolve("missing.json"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Json.readWithoutProvenance(f, Result.class));
            assertTrue(e.getMessage().startsWith("cannot read " + f), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
