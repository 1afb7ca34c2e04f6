package io.thermoscope.io;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Atomic writes: umask-honouring modes, clean failures, stale temporaries, the shutdown hook. */
class AtomicFilesTest {

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesGetTheModeOfAnOrdinaryNewFileNotOwnerOnly(@TempDir Path tmp) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(tmp.resolve("plain"));   // 0666 & ~umask
        Path written = tmp.resolve("sub/written.json");
        AtomicFiles.writeString(written, "{}\n");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(written));
        assertEquals("{}\n", Files.readString(written));
    }

    @Test
    void aPathThatCannotHoldTheFileIsAUserErrorAndLeavesNothing(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("afile"), "x");
        Files.createDirectory(tmp.resolve("adir"));
        InvalidInputException under = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.writeString(tmp.resolve("afile/x.json"), "{}"));
        assertTrue(under.getMessage().startsWith("cannot write "), under.getMessage());
        InvalidInputException onDir = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.writeString(tmp.resolve("adir"), "{}"));
        assertTrue(onDir.getMessage().endsWith("it is a directory"), onDir.getMessage());
        assertEquals(List.of("adir", "afile"), names(tmp));
        assertEquals(List.of(), names(tmp.resolve("adir")));
    }

    @Test
    void temporariesOfDeadProcessesAreRemovedByTheNextWriteAndLiveOnesAreKept(@TempDir Path tmp) throws Exception {
        Path dead = Files.createFile(tmp.resolve(".config.json.2147483646-abc.tmp"));
        Path live = Files.createFile(tmp.resolve(".config.json." + ProcessHandle.current().pid() + "-abc.tmp"));
        Path other = Files.createFile(tmp.resolve(".metrics.csv.2147483646-abc.tmp"));
        AtomicFiles.writeString(tmp.resolve("config.json"), "{}");
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(other), "only the written target's temporaries are looked at");
        try (DirectoryLock lock = DirectoryLock.acquire(tmp, "test")) {
            assertFalse(Files.exists(other), "taking the directory removes every dead temporary");
        }
        assertEquals(List.of(live.getFileName().toString(), "config.json"), names(tmp));
    }

    @Test
    void aTerminatedProcessLeavesNoTemporary(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("config.json");
        Process child = IoChild.start("temp", target.toString());
        assertEquals(1, names(tmp).size(), "the child holds one pending temporary");
        child.destroy();   // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(List.of(), names(tmp));
    }
}
