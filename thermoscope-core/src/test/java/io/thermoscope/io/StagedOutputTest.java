package io.thermoscope.io;

import io.thermoscope.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A command's outputs appear together on commit, and not at all otherwise. */
class StagedOutputTest {

    @Test
    void nothingTouchesTheDiskUntilTheCommitThenEverythingAppears(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("new/dir/a.json"), b = tmp.resolve("b.csv");
        try (StagedOutput stage = StagedOutput.begin("test")) {
            AtomicFiles.writeString(a, "first");
            AtomicFiles.writeString(a, "second");
            Json.write(b, List.of(1, 2));
            assertEquals(List.of(a, b), stage.staged());
            assertEquals(List.of(), AtomicFilesTest.names(tmp));
            stage.commit();
            assertNull(StagedOutput.current());
        }
        assertEquals("second", Files.readString(a));
        assertTrue(Files.readString(b).contains("1"));
        assertEquals(List.of("b.csv", "new"), AtomicFilesTest.names(tmp));
        assertEquals(List.of("a.json"), AtomicFilesTest.names(tmp.resolve("new/dir")));
    }

    @Test
    void closingWithoutCommitLeavesNothingAndEndsTheStage(@TempDir Path tmp) throws Exception {
        try (StagedOutput stage = StagedOutput.begin("test")) {
            AtomicFiles.writeString(tmp.resolve("x/y.json"), "{}");
        }
        assertNull(StagedOutput.current());
        assertEquals(List.of(), AtomicFilesTest.names(tmp));
        AtomicFiles.writeString(tmp.resolve("direct.txt"), "now");
        assertEquals(List.of("direct.txt"), AtomicFilesTest.names(tmp));
    }

    @Test
    void aPathThatCannotBeWrittenFailsAtTheWriteBeforeAnythingIsCreated(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("afile"), "x");
        try (StagedOutput stage = StagedOutput.begin("test")) {
            AtomicFiles.writeString(tmp.resolve("fine/a.csv"), "a");
            assertThrows(InvalidInputException.class, () -> AtomicFiles.writeString(tmp.resolve("afile/b.json"), "b"));
        }
        assertEquals(List.of("afile"), AtomicFilesTest.names(tmp));
    }

    @Test
    void aFailureDuringTheCommitRemovesTheDirectoriesAndTemporariesItMade(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("made/by/stage/a.csv"), b = tmp.resolve("later/b.json");
        try (StagedOutput stage = StagedOutput.begin("test")) {
            AtomicFiles.writeString(a, "a");
            AtomicFiles.writeString(b, "b");
            Files.createDirectories(b);   // something else puts a directory where b must go
            InvalidInputException e = assertThrows(InvalidInputException.class, stage::commit);
            assertTrue(e.getMessage().contains("it is a directory"), e.getMessage());
        }
        assertEquals(List.of("later"), AtomicFilesTest.names(tmp));
        assertEquals(List.of("b.json"), AtomicFilesTest.names(tmp.resolve("later")));
    }

    @Test
    void aCommitWaitsForNoOneButRefusesADirectoryAnotherProcessOwns(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("owned");
        Process child = IoChild.start("lock", dir.toString());
        try (StagedOutput stage = StagedOutput.begin("test")) {
            AtomicFiles.writeString(dir.resolve("x.json"), "{}");
            child.destroyForcibly().waitFor();
            stage.commit();   // the killed owner's lock is gone at once
        }
        assertEquals(List.of("x.json"), AtomicFilesTest.names(dir).stream()
                .filter(n -> !n.equals(DirectoryLock.FILE_NAME)).toList());
    }

    @Test
    void anOwnedDirectoryRefusesASecondOwnerAndIsRemovedIfTheStageFailsEmpty(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("runs/one");
        try (StagedOutput stage = StagedOutput.begin("first")) {
            stage.own(dir);
            assertTrue(Files.isDirectory(dir));
            try (StagedOutput second = StagedOutput.passThrough("second")) {
                DirectoryInUseException e = assertThrows(DirectoryInUseException.class, () -> second.own(dir));
                assertTrue(e.getMessage().startsWith(dir + " is in use by"), e.getMessage());
            }
            AtomicFiles.writeString(dir.resolve("x.json"), "{}");
        }
        assertEquals(List.of(), AtomicFilesTest.names(tmp));
        try (StagedOutput stage = StagedOutput.begin("third")) {
            stage.own(dir);
            AtomicFiles.writeString(dir.resolve("sub/x.json"), "{}");
            stage.commit();
        }
        assertEquals(List.of("sub"), AtomicFilesTest.names(dir), "the lock file goes with the release");
    }

    @Test
    void aPassThroughStageWritesAtOnceAndKeepsWhatItWrote(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("resumable");
        try (StagedOutput stage = StagedOutput.passThrough("run")) {
            stage.own(dir);
            AtomicFiles.writeString(dir.resolve("checkpoint.bin"), "state");
            assertTrue(Files.exists(dir.resolve("checkpoint.bin")));
        }
        assertEquals(List.of("checkpoint.bin"), AtomicFilesTest.names(dir));
        Path empty = tmp.resolve("empty");
        try (StagedOutput stage = StagedOutput.passThrough("run")) {
            stage.own(empty);
        }
        assertTrue(Files.notExists(empty), "an uncommitted pass-through stage removes the empty directory it made");
    }
}
