package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes files so that a reader (or an interrupted run) never sees half of one: the bytes go to a temporary
 * sibling ({@link TemporaryFiles}: permissions 0666 less the umask, removed at shutdown if not yet moved),
 * which is then renamed over the target in one atomic step. While a {@link StagedOutput} is open on the
 * calling thread, the write is staged in it instead and happens only when that stage commits.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with {@code bytes}, creating parent directories (or stages it). */
    public static void write(Path target, byte[] bytes) {
        StagedOutput stage = StagedOutput.current();
        if (stage != null) {
            stage.add(target, bytes);
            return;
        }
        writeNow(target, bytes);
    }

    /** Atomically replaces {@code target} with UTF-8 {@code text} (or stages it). */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code target} now, whether or not a stage is open. */
    static void writeNow(Path target, byte[] bytes) {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            if (Files.isDirectory(abs)) throw new InvalidInputException("cannot write " + target + ": it is a directory");
            tmp = TemporaryFiles.create(abs, bytes);
            TemporaryFiles.moveIntoPlace(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw FileErrors.writing(target, e);
        } finally {
            if (tmp != null) TemporaryFiles.discard(tmp);
        }
        TemporaryFiles.removeStale(abs);
    }
}
