package io.thermoscope.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One owner per output directory: across processes, after kill -9, within one process, with patience. */
class DirectoryLockTest {

    @Test
    void secondProcessIsToldWhoHoldsTheDirectoryAndAKilledHolderBlocksNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("out");
        Process child = IoChild.start("lock", dir.toString());
        try {
            DirectoryInUseException e = assertThrows(DirectoryInUseException.class,
                    () -> DirectoryLock.acquire(dir, "test"));
            assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("io-child holding the lock"), e.getMessage());
            assertTrue(e.getMessage().contains("choose another output directory"), e.getMessage());
        } finally {
            child.destroyForcibly();   // SIGKILL: no shutdown hook, the lock file stays behind
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(Files.exists(dir.resolve(DirectoryLock.FILE_NAME)), "kill -9 leaves the file");
        try (DirectoryLock lock = DirectoryLock.acquire(dir, "test")) {
            assertTrue(lock.directory().equals(dir));
        }
        assertFalse(Files.exists(dir.resolve(DirectoryLock.FILE_NAME)), "a released lock leaves no file");
    }

    @Test
    void secondOwnerInTheSameProcessIsRefusedUntilTheFirstCloses(@TempDir Path tmp) {
        Path dir = tmp.resolve("a/b");
        DirectoryLock first = DirectoryLock.acquire(dir, "first");
        assertTrue(Files.isDirectory(dir));
        DirectoryInUseException e = assertThrows(DirectoryInUseException.class, () -> DirectoryLock.acquire(dir, "second"));
        assertTrue(e.getMessage().contains("another run in this process"), e.getMessage());
        first.close();
        first.close();
        DirectoryLock.acquire(dir, "second").close();
    }

    @Test
    void patienceWaitsForTheHolderToRelease(@TempDir Path tmp) throws Exception {
        DirectoryLock first = DirectoryLock.acquire(tmp, "first");
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            first.close();
        });
        try (DirectoryLock second = DirectoryLock.acquire(tmp, "second", Duration.ofSeconds(30))) {
            assertTrue(release.isDone());
        }
    }

    @Test
    void manyThreadsRacingForOneDirectoryNeverShareIt(@TempDir Path tmp) throws Exception {
        var owners = new java.util.concurrent.atomic.AtomicInteger();
        var overlaps = new java.util.concurrent.atomic.AtomicInteger();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var tasks = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < 4; t++) {
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    try (DirectoryLock l = DirectoryLock.acquire(tmp, "racer", Duration.ofSeconds(30))) {
                        if (owners.incrementAndGet() != 1) overlaps.incrementAndGet();
                        owners.decrementAndGet();
                    }
                }
            }));
        }
        for (var f : tasks) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(overlaps.get() == 0, overlaps + " overlapping owners");
        assertFalse(Files.exists(tmp.resolve(DirectoryLock.FILE_NAME)));
    }
}
