package io.thermoscope.spark;

import io.thermoscope.InvalidInputException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files through Hadoop's FileSystem API: whole files only, no side files, interrupted uploads cleaned. */
class HadoopDirectoryTest {

    @Test
    void uploadsAndDownloadsWholeFilesWithoutSideFiles(@TempDir Path dir) throws Exception {
        HadoopDirectory out = HadoopDirectory.of(dir.resolve("out").toUri().toString(), new Configuration());
        assertEquals(dir.resolve("out"), out.localPath());
        out.checkWritable();
        Path src = Files.writeString(dir.resolve("src.txt"), "checkpoint bytes");
        out.upload(src, "p5/seed0/checkpoint.bin");
        out.upload(Files.writeString(src, "newer bytes"), "p5/seed0/checkpoint.bin");
        assertEquals(Set.of("p5/seed0/checkpoint.bin"), SameSweep.files(dir.resolve("out"))); // no .crc, no temporaries
        assertTrue(out.exists("p5/seed0/checkpoint.bin"));
        Path back = dir.resolve("back/checkpoint.bin");
        assertTrue(out.download("p5/seed0/checkpoint.bin", back));
        assertEquals("newer bytes", Files.readString(back));
        assertFalse(out.download("p5/seed0/summary.json", dir.resolve("back/summary.json")));
        assertEquals(List.of("checkpoint.bin"), out.files("p5/seed0"));
        assertEquals(List.of(), out.files("p9"));
    }

    @Test
    void interruptedUploadsAreRemovedAndNothingElse(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("p5/seed0"));
        Files.writeString(run.resolve(".checkpoint.bin.tmp-7a9189e1-5abb-42a0-9547-e5b5b95629ac"), "half");
        Files.writeString(run.resolve("checkpoint.bin"), "whole");
        Files.writeString(run.resolve(".hidden-but-mine"), "kept");
        HadoopDirectory.of(dir.toString(), new Configuration()).deleteInterruptedUploads("p5/seed0");
        assertEquals(Set.of("p5/seed0/checkpoint.bin", "p5/seed0/.hidden-but-mine"), SameSweep.files(dir));
    }

    @Test
    void relativePathsBecomeAbsoluteAndBadLocationsAreOneLineErrors(@TempDir Path dir) throws Exception {
        HadoopDirectory rel = HadoopDirectory.of("some/dir", new Configuration());
        assertEquals(Path.of("some/dir").toAbsolutePath(), rel.localPath());
        Path file = Files.writeString(dir.resolve("file"), "x");
        for (String bad : List.of(file.toString(), file.resolve("below").toString(), "nosuchfs://host/x", "hdfs:", " ")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> HadoopDirectory.of(bad, new Configuration()).checkWritable(), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertEquals("x", Files.readString(file));
    }
}
