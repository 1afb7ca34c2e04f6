package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextDirectoryTest {

    @Test
    void readsTextFilesAndCountsWhatItSkips(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.txt"), "\uFEFFSecond document.\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/a.md"), "First document, in a subdirectory.");
        Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        Files.write(dir.resolve("latin1.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("blank.txt"), "  \n\t\n");
        Files.writeString(dir.resolve(".hidden"), "ignored");
        Corpus c = TextDirectory.read(dir);
        assertEquals(List.of("b.txt", "sub/a.md"), c.ids());
        assertEquals("Second document.", c.documents().get(0).text());
        assertEquals(Genre.UNCLASSIFIED, c.documents().get(1).genre());
        assertEquals(Map.of(SkipReason.BINARY, 1, SkipReason.NOT_UTF8, 1, SkipReason.TOO_SHORT, 1), c.skipped());
        assertEquals("1 binary, 1 not UTF-8, 1 too short", c.skippedSummary());
    }

    @Test
    void nothingUsableIsOneLineNamingTheCounts(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("x.bin"), new byte[] {1, 0, 2});
        Files.write(dir.resolve("y.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TextDirectory.read(dir).requireUsable());
        assertEquals("no usable text in " + dir + " (every document was left out: 1 binary, 1 not UTF-8)",
                e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TextDirectory.read(empty).requireUsable())
                .getMessage().endsWith("(it holds no documents)"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TextDirectory.read(dir.resolve("x.bin")))
                .getMessage().endsWith("is not a directory"));
    }
}
