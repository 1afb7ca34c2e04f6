package io.thermoscope.spark;

import io.thermoscope.InvalidInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.util.SerializableConfiguration;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An output directory on any file system Hadoop supports (a local path, {@code file:}, {@code hdfs://},
 * {@code s3a://} …), written file by file through Hadoop's {@link FileSystem} API: each file goes to a temporary
 * name and is renamed into place, so a reader — a resumed task, the driver — never sees half a file. Local paths
 * use Hadoop's raw local file system (no {@code .crc} side files: the directory equals the plain command's).
 * Serializable: tasks carry it to the executors with the driver's Hadoop configuration.
 */
final class HadoopDirectory implements Serializable {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    /** The temporary name of an upload: {@code .NAME.tmp-UUID}. */
    private static final Pattern TEMPORARY = Pattern.compile("^\\..+\\.tmp-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final String uri;
    private final SerializableConfiguration conf;
    private transient FileSystem fs;

    private HadoopDirectory(String uri, Configuration conf) {
        this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.conf = new SerializableConfiguration(conf);
    }

    /** {@code location} — a path (made absolute) or a URI — with a copy of {@code base} (the driver's Hadoop configuration). */
    static HadoopDirectory of(String location, Configuration base) {
        if (location == null || location.isBlank()) throw new InvalidInputException("the output location is empty");
        String uri;
        if (SCHEME.matcher(location).matches()) {
            try {
                URI u = new URI(location);
                if (u.getScheme() == null || u.getPath() == null || u.getPath().isEmpty()) {
                    throw new InvalidInputException("output URI " + location + " has no path");
                }
                uri = u.toString();
            } catch (java.net.URISyntaxException e) {
                throw new InvalidInputException("output " + location + " is not a valid URI: " + e.getReason());
            }
        } else {
            uri = java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri().toString();
        }
        Configuration c = new Configuration(base);
        c.set("fs.file.impl", RawLocalFileSystem.class.getName());
        c.setBoolean("fs.file.impl.disable.cache", true);
        return new HadoopDirectory(uri, c);
    }

    /** The directory's URI. */
    String uri() {
        return uri;
    }

    /** The directory as a local path when it is on the local file system, else null. */
    java.nio.file.Path localPath() {
        URI u = URI.create(uri);
        return "file".equals(u.getScheme()) ? java.nio.file.Path.of(u) : null;
    }

    private Path path(String relative) {
        return relative.isEmpty() ? new Path(uri) : new Path(uri + "/" + relative);
    }

    private FileSystem fs() throws IOException {
        if (fs == null) {
            try {
                fs = FileSystem.get(URI.create(uri), conf.value());
            } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
                throw new InvalidInputException("no Hadoop file system for " + uri + " (" + firstLine(e) + ")");
            }
        }
        return fs;
    }

    /**
     * Creates the directory if needed and proves it writable with a probe file (deleted again); anything else is a
     * one-line {@link InvalidInputException} naming the URI. Nothing that is there already is touched.
     */
    void checkWritable() {
        Path probe = path(".thermoscope-write-probe-" + UUID.randomUUID());
        try {
            FileSystem f = fs();
            Path dir = path("");
            if (f.exists(dir) && !f.getFileStatus(dir).isDirectory()) {
                throw new InvalidInputException("output " + uri + " exists and is not a directory");
            }
            if (!f.mkdirs(dir)) throw new IOException("mkdirs failed");
            try (FSDataOutputStream out = f.create(probe, false)) {
                out.write(1);
            }
            f.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) throw i;
            throw new InvalidInputException("cannot write to " + uri + ": " + firstLine(e));
        }
    }

    /** Whether {@code relative} exists. */
    boolean exists(String relative) {
        try {
            return fs().exists(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(relative) + ": " + firstLine(e), e);
        }
    }

    /** Copies {@code relative} to the local file {@code target} (atomically); false when it does not exist. */
    boolean download(String relative, java.nio.file.Path target) {
        try (InputStream in = fs().open(path(relative))) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            // a name of its own: the driver's progress listener and its final pass may fetch the same file at once
            java.nio.file.Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(relative) + ": " + firstLine(e), e);
        }
    }

    /**
     * Copies the local file {@code source} to {@code relative}: written to a unique temporary name beside it, then
     * renamed over the old file (atomic on local and HDFS file systems; where rename cannot replace, the old file is
     * deleted first).
     */
    void upload(java.nio.file.Path source, String relative) {
        Path target = path(relative);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            FileSystem f = fs();
            f.mkdirs(target.getParent());
            try (FSDataOutputStream out = f.create(tmp, true)) {
                Files.copy(source, out);
            }
            if (!f.rename(tmp, target)) {
                f.delete(target, false);
                if (!f.rename(tmp, target)) throw new IOException("rename of " + tmp + " failed");
            }
        } catch (IOException e) {
            try {
                fs().delete(tmp, false);
            } catch (IOException ignored) {
                // the temporary name is hidden and harmless
            }
            throw new UncheckedIOException("cannot write " + target + ": " + firstLine(e), e);
        }
    }

    /**
     * Deletes what uploads interrupted by a dead executor left in {@code relative}: files with an upload's temporary
     * name (never a file of the results).
     */
    void deleteInterruptedUploads(String relative) {
        for (String name : files(relative)) {
            if (!TEMPORARY.matcher(name).matches()) continue;
            try {
                fs().delete(path(relative + "/" + name), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path(relative + "/" + name) + ": " + firstLine(e), e);
            }
        }
    }

    /** The names of the regular files directly in {@code relative} (empty when it does not exist). */
    java.util.List<String> files(String relative) {
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (FileStatus s : fs().listStatus(path(relative))) if (s.isFile()) out.add(s.getPath().getName());
            return out;
        } catch (FileNotFoundException e) {
            return java.util.List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path(relative) + ": " + firstLine(e), e);
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
