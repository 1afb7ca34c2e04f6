package io.thermoscope.io;

import io.thermoscope.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One sentence for a failed write, in the user's terms, and whether the user can fix it: a path the user chose
 * that cannot hold the output (permission denied, a file where a directory must be, a read-only file system) is
 * an {@link InvalidInputException} (exit 2); anything else (disk full, I/O error) an {@link UncheckedIOException}
 * (exit 1).
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** The exception to throw for {@code e} raised while writing {@code target}. */
    public static RuntimeException writing(Path target, IOException e) {
        String what = "cannot write " + target + ": ";
        String reason = e instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason().toLowerCase(Locale.ROOT) : "";
        if (e instanceof AccessDeniedException || reason.contains("permission denied")
                || reason.contains("operation not permitted")) {
            return new InvalidInputException(what + "permission denied" + at(e, target), e);
        }
        if (reason.contains("read-only file system")) {
            return new InvalidInputException(what + "read-only file system", e);
        }
        if (e instanceof FileAlreadyExistsException f) {
            return new InvalidInputException(what + orTarget(f.getFile(), target) + " exists and is not a directory", e);
        }
        if (e instanceof NotDirectoryException || reason.contains("not a directory")) {
            return new InvalidInputException(what + "a part of the path is a file, not a directory", e);
        }
        if (e instanceof DirectoryNotEmptyException || reason.contains("is a directory")) {
            return new InvalidInputException(what + "it is a directory", e);
        }
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException(what + "its directory does not exist", e);
        }
        if (reason.contains("file name too long")) {
            return new InvalidInputException(what + "file name too long", e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof FileSystemException fs && fs.getReason() != null) message = fs.getReason();
        return new UncheckedIOException(what + message, e);
    }

    /**
     * Throws the {@link #writing} exception unless {@code target} could be created as a file: it is not a
     * directory, and its nearest existing ancestor is a writable directory. Creates nothing.
     */
    public static void requireWritableFile(Path target) {
        if (Files.isDirectory(target)) throw new InvalidInputException("cannot write " + target + ": it is a directory");
        requireWritableAncestor(target, target.toAbsolutePath().getParent());
    }

    /** As {@link #requireWritableFile}, for a directory that will be created (or written into) at {@code dir}. */
    public static void requireWritableDirectory(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException("cannot write into " + dir + ": it is a file, not a directory");
        }
        requireWritableAncestor(dir, abs);
    }

    private static void requireWritableAncestor(Path shown, Path start) {
        Path p = start;
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return;
        if (!Files.isDirectory(p)) {
            throw new InvalidInputException("cannot write " + shown + ": " + p + " is a file, not a directory");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidInputException("cannot write " + shown + ": permission denied (" + p + ")");
        }
    }

    private static String at(IOException e, Path target) {
        if (!(e instanceof FileSystemException fs) || fs.getFile() == null) return "";
        Path file = Path.of(fs.getFile());
        if (file.equals(target) || file.equals(target.toAbsolutePath())) return "";
        if (TemporaryFiles.isTemporary(file) && file.getParent() != null) return " (" + file.getParent() + ")";
        return " (" + file + ")";
    }

    private static String orTarget(String file, Path target) {
        return file == null ? target.toString() : file;
    }
}
