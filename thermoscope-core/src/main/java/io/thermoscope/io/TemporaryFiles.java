package io.thermoscope.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files behind every atomic write: hidden siblings of their target named
 * {@code .<target>.<pid>-<random>.tmp}, created with the permissions of an ordinary new file (0666 less the
 * umask, not 0600), registered so that a shutdown hook (Ctrl-C, SIGTERM) deletes those not yet moved into
 * place, and moved into place under the same lock as the hook so that a file is either committed or removed.
 * Temporaries left by a process that no longer runs (kill -9) are recognised by their pid and removed by the
 * next write of the same target (or by {@link #removeStale(Path)}).
 */
final class TemporaryFiles {
    /** {@code .<name>.<pid>-<token>.tmp}: group 1 is the target's name, group 2 the writer's pid. */
    private static final Pattern NAME = Pattern.compile("^\\.(.+)\\.(\\d+)-[0-9a-z]+\\.tmp$");
    private static final long PID = ProcessHandle.current().pid();
    private static final Object LOCK = new Object();
    private static final Set<Path> PENDING = new LinkedHashSet<>();
    private static boolean shuttingDown;
    private static boolean hookInstalled;

    private TemporaryFiles() {
    }

    /**
     * Creates a new temporary sibling of {@code target} (whose directory must exist) holding {@code bytes}. The
     * file is registered for deletion at shutdown until {@link #moveIntoPlace} or {@link #discard} is called.
     */
    static Path create(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        String base = "." + target.getFileName() + "." + PID + "-";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(base + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + ".tmp");
            synchronized (LOCK) {
                if (shuttingDown) throw new IOException("the process is shutting down");
                installHook();
                try {
                    // CREATE_NEW through newOutputStream: mode 0666 & ~umask, unlike createTempFile's 0600
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                } catch (FileAlreadyExistsException e) {
                    if (attempt < 16) continue;
                    throw e;
                }
                PENDING.add(tmp);
            }
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(bytes);
            } catch (IOException | RuntimeException e) {
                discard(tmp);
                throw e;
            }
            return tmp;
        }
    }

    /** Atomically renames {@code tmp} over {@code target}; fails (leaving nothing) once shutdown has begun. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        synchronized (LOCK) {
            if (shuttingDown || !PENDING.contains(tmp)) throw new IOException("the process is shutting down");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            PENDING.remove(tmp);
        }
    }

    /** Runs {@code moves} (renames of registered temporaries) so that a shutdown hook sees all of them or none. */
    static void atomically(IoAction moves) throws IOException {
        synchronized (LOCK) {
            if (shuttingDown) throw new IOException("the process is shutting down");
            moves.run();
        }
    }

    /** Deletes {@code tmp} if it still exists and forgets it (best effort). */
    static void discard(Path tmp) {
        synchronized (LOCK) {
            PENDING.remove(tmp);
            deleteQuietly(tmp);
        }
    }

    /** Removes the temporaries of {@code target} that a process no longer running left behind. */
    static void removeStale(Path target) {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + globEscape(name) + ".*.tmp")) {
            for (Path p : ds) removeIfStale(p, name);
        } catch (IOException | RuntimeException ignored) {
            // best effort: a stale temporary is hidden and never read as output
        }
    }

    /** Removes every temporary in {@code dir} that a process no longer running left behind. */
    static void removeStaleIn(Path dir) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) removeIfStale(p, null);
        } catch (IOException | RuntimeException ignored) {
            // best effort, as above
        }
    }

    /** Whether {@code file} has the name of a temporary of this class. */
    static boolean isTemporary(Path file) {
        return NAME.matcher(file.getFileName().toString()).matches();
    }

    private static void removeIfStale(Path p, String targetName) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches() || (targetName != null && !m.group(1).equals(targetName))) return;
        long pid;
        try {
            pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return;
        }
        if (pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return;
        deleteQuietly(p);
    }

    private static String globEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    private static void installHook() {
        if (hookInstalled) return;
        hookInstalled = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::deleteAllAtShutdown,
                    "thermoscope-temporaries"));
        } catch (IllegalStateException alreadyShuttingDown) {
            shuttingDown = true;
        }
    }

    private static void deleteAllAtShutdown() {
        synchronized (LOCK) {
            shuttingDown = true;
            for (Path p : PENDING) deleteQuietly(p);
            PENDING.clear();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the name marks it as a temporary, and removeStale deletes it later
        }
    }

    /** An I/O action run under the temporaries' lock. */
    @FunctionalInterface
    interface IoAction {
        /** Runs the action. */
        void run() throws IOException;
    }
}
