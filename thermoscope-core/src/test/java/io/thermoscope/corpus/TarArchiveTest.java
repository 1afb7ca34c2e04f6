package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TarArchiveTest {

    @Test
    void readsFilesWithPrefixedLongNamesAndExactSizes() {
        String longName = "package/" + "d".repeat(60) + "/" + "f".repeat(60) + ".txt";
        byte[] big = new byte[1500];
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        byte[] tgz = new TarBuilder().add("package/a", "alpha").add(longName, big).add("package/empty", "").tgz();
        Map<String, byte[]> files = TarArchive.files(tgz, "test.tgz");
        assertEquals(3, files.size());
        assertEquals("alpha", new String(files.get("package/a"), StandardCharsets.UTF_8));
        assertArrayEquals(big, files.get(longName));
        assertEquals(0, files.get("package/empty").length);
    }

    @Test
    void skipsDirectoriesAndHonoursGnuLongNames() {
        byte[] dir = TarBuilder.header("package/", 0, '5');
        String name = "x".repeat(150);
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] longHeader = TarBuilder.header("././@LongLink", nameBytes.length, 'L');
        byte[] body = TarBuilder.header("truncated", 2, '0');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(dir);
        out.writeBytes(longHeader);
        out.writeBytes(nameBytes);
        out.writeBytes(new byte[512 - nameBytes.length]);
        out.writeBytes(body);
        out.writeBytes("hi".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[510 + 1024]);
        Map<String, byte[]> files = TarArchive.files(TarBuilder.gzip(out.toByteArray()), "t");
        assertEquals(1, files.size());
        assertEquals("hi", new String(files.get(name), StandardCharsets.UTF_8));
    }

    @Test
    void refusesWhatIsNotATarballInOneLine() {
        InvalidInputException notGzip = assertThrows(InvalidInputException.class,
                () -> TarArchive.files("plain text".getBytes(StandardCharsets.UTF_8), "x.tgz"));
        assertTrue(notGzip.getMessage().contains("not a gzip archive"), notGzip.getMessage());
        byte[] tar = new TarBuilder().add("a", "abc").tar();
        tar[148] = '9'; // checksum digit that is not octal
        assertThrows(InvalidInputException.class, () -> TarArchive.files(TarBuilder.gzip(tar), "x.tgz"));
        byte[] good = new TarBuilder().add("a", "a".repeat(2000)).tar();
        byte[] cut = java.util.Arrays.copyOf(good, 1000);
        InvalidInputException truncated = assertThrows(InvalidInputException.class,
                () -> TarArchive.files(TarBuilder.gzip(cut), "x.tgz"));
        assertTrue(truncated.getMessage().contains("ends inside"), truncated.getMessage());
    }
}
