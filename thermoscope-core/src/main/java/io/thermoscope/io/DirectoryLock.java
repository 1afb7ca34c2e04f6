package io.thermoscope.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ownership of an output directory by one process at a time: an operating-system lock
 * ({@link FileChannel#tryLock()}, a POSIX record lock) on {@code DIR/.thermoscope.lock}. The kernel drops the
 * lock when its holder exits in any way, {@code kill -9} included, so a stale lock never blocks; the file's text
 * (pid, start time, command) only serves the message shown to the second process.
 * <p>
 * Two rules of POSIX locks shape the code: closing any descriptor of the file drops the process's lock, so this
 * process never opens the lock file of a directory it holds (an in-process registry refuses a second owner
 * before any file is opened, and the holder's text is written through the locked channel); and closing deletes
 * the file while still holding the lock, so an acquirer checks after locking that the path still names the file
 * it locked (same file key before opening and after locking) and otherwise tries again.
 */
public final class DirectoryLock implements AutoCloseable {
    /** Name of the lock file inside the locked directory. */
    public static final String FILE_NAME = ".thermoscope.lock";
    private static final long PID = ProcessHandle.current().pid();
    private static final int MAX_RACES = 64;
    /** Directories held by this process (absolute, normalised); guarded by itself. */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path directory;
    private final Path key;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DirectoryLock(Path directory, Path key, Path file, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.key = key;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir} (creating the directory) for {@code owner} (how the holder is described to
     * others, e.g. the command line), or throws {@link DirectoryInUseException} at once if another holds it.
     */
    public static DirectoryLock acquire(Path dir, String owner) {
        return acquire(dir, owner, Duration.ZERO);
    }

    /** As {@link #acquire(Path, String)}, but waits up to {@code patience} for the holder to release it. */
    public static DirectoryLock acquire(Path dir, String owner, Duration patience) {
        Path abs = dir.toAbsolutePath().normalize();
        Path file = abs.resolve(FILE_NAME);
        long deadline = System.nanoTime() + patience.toNanos();
        int races = 0;
        try {
            while (true) {
                synchronized (HELD) {
                    boolean inThisProcess = HELD.contains(abs);
                    if (!inThisProcess) {
                        Files.createDirectories(abs);
                        Attempt a = tryOnce(dir, abs, file, owner);
                        if (a.lock() != null) {
                            HELD.add(abs);
                            TemporaryFiles.removeStaleIn(abs);
                            return a.lock();
                        }
                        if (a.raced()) {
                            if (++races > MAX_RACES) throw new IOException("the lock file keeps being replaced");
                            continue;
                        }
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        // read under HELD: opening the file while this process held it would drop the lock
                        throw new DirectoryInUseException(dir, inThisProcess ? "another run in this process"
                                : holder(dir).orElse("another thermoscope process"));
                    }
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw FileErrors.writing(dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryInUseException(dir, "another thermoscope process (interrupted while waiting)");
        }
    }

    /** One try: the lock, or none because another process holds it, or none because the file was replaced. */
    private record Attempt(DirectoryLock lock, boolean raced) {
    }

    private static Attempt tryOnce(Path dir, Path abs, Path file, String owner) throws IOException {
        try {
            Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (FileAlreadyExistsException ignored) {
            // the usual case after a kill -9, or while another process holds it
        }
        Object before = fileKey(file);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return new Attempt(null, true);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;   // held through a channel opened outside this class
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            return new Attempt(null, false);
        }
        if (before == null || !before.equals(fileKey(file))) {
            // the holder deleted the file (released) between our look and our lock: ours is an orphan
            l.release();
            ch.close();
            return new Attempt(null, true);
        }
        byte[] text = describe(owner).getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(text), 0);
        ch.force(false);
        return new Attempt(new DirectoryLock(dir, abs, file, ch, l), false);
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Who holds the lock of {@code dir} as its lock file describes it (read only when this process does not). */
    private static Optional<String> holder(Path dir) {
        try {
            String text = Files.readString(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
            String pid = field(text, "pid"), since = field(text, "since"), command = field(text, "command");
            if (pid == null) return Optional.empty();
            return Optional.of("another thermoscope process (pid " + pid + (since == null ? "" : ", since " + since)
                    + (command == null ? "" : ": " + command) + ")");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The locked directory, as given. */
    public Path directory() {
        return directory;
    }

    /** Deletes the lock file and releases the lock (idempotent). */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) return;
            closed = true;
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // an undeletable lock file is harmless: the next acquirer locks and rewrites it
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it as well
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            HELD.remove(key);
        }
    }

    private static String describe(String owner) {
        return "pid " + PID + "\nsince " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\ncommand "
                + owner.replace('\n', ' ') + "\ntoken " + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)
                + "\n";
    }

    private static String field(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + " ")) return line.substring(key.length() + 1).strip();
        }
        return null;
    }
}
