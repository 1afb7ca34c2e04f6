package io.thermoscope.spark;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.SweepConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One run of a sweep as one Spark task, on whichever executor Spark picks. The run trains in a child JVM
 * ({@link RunWorker}) — DJL's gradient collector is process-wide, so only one training may run per JVM, and an
 * executor (or the driver, in local mode) runs several tasks at once — inside a local scratch copy of the run
 * directory. Before it starts, the task copies the run's files from the output (a resumed or retried run continues
 * from its last checkpoint); while it trains, every new checkpoint is copied back with its metrics; at the end the
 * summary is copied last, so a run with a {@code summary.json} in the output is finished.
 *
 * @param configJson the run's {@link GrokConfig} as JSON
 * @param out        the sweep directory
 * @param gitCommit  the driver's source commit, recorded in the run's provenance as in a plain sweep
 */
record SweepTask(String configJson, HadoopDirectory out, String gitCommit) implements Serializable {
    private static final long POLL_MILLIS = 250;
    private static final List<String> RESUME_FILES = List.of(GrokRun.CONFIG, GrokRun.CHECKPOINT, GrokRun.METRICS);

    /** Trains (or finishes) the run; returns its directory relative to the sweep. */
    String run() {
        GrokConfig cfg = config();
        String rel = SweepConfig.dirName(cfg);
        if (out.exists(rel + "/" + GrokRun.SUMMARY)) return rel; // finished (an earlier attempt or an earlier sweep)
        Path scratch = null;
        Process child = null;
        try {
            out.deleteInterruptedUploads(rel); // an earlier attempt may have died in the middle of a copy
            scratch = Files.createTempDirectory("thermoscope-task-");
            Path run = Files.createDirectories(scratch.resolve("run"));
            for (String f : RESUME_FILES) out.download(rel + "/" + f, run.resolve(f));
            Path cfgFile = scratch.resolve("task-config.json");
            AtomicFiles.writeString(cfgFile, configJson);
            child = start(cfgFile, run);
            Deque<String> tail = pump(child);
            Snapshot last = Snapshot.of(run);
            while (!child.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                Snapshot now = Snapshot.of(run);
                if (!now.equals(last)) sync(run, rel, false);
                last = now;
            }
            int rc = child.exitValue();
            if (rc != 0) throw failure(rel, rc, tail);
            sync(run, rel, true);
            return rel;
        } catch (IOException e) {
            throw new UncheckedIOException("run " + rel + ": " + HadoopDirectory.firstLine(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the task was killed: the child goes with it, the output keeps the last checkpoint
            throw new IllegalStateException("run " + rel + " interrupted", e);
        } finally {
            if (child != null && child.isAlive()) child.destroyForcibly();
            if (scratch != null) deleteTree(scratch);
        }
    }

    GrokConfig config() {
        try {
            return Json.mapper().readValue(configJson, GrokConfig.class);
        } catch (IOException e) {
            throw new InvalidInputException("bad run configuration: " + HadoopDirectory.firstLine(e));
        }
    }

    /** Copies the run's files to the output in the order a plain run writes them; the summary only when finished. */
    private void sync(Path run, String rel, boolean finished) {
        for (String f : List.of(GrokRun.CONFIG, GrokRun.CHECKPOINT, GrokRun.METRICS)) {
            if (Files.exists(run.resolve(f))) out.upload(run.resolve(f), rel + "/" + f);
        }
        if (finished) out.upload(run.resolve(GrokRun.SUMMARY), rel + "/" + GrokRun.SUMMARY);
    }

    /** The child JVM: this JVM's java, the task's full class path, standard input a pipe that only closes with us. */
    private Process start(Path cfgFile, Path run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider", "-Dslf4j.internal.verbosity=WARN",
                "-Dthermoscope.gitCommit=" + gitCommit,
                "-cp", classPath(), RunWorker.class.getName(), cfgFile.toString(), run.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /**
     * The class path of this task: the JVM's own plus every jar Spark added for the application (on a cluster the
     * application jar reaches executors through Spark's class loader, not {@code java.class.path}).
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        for (ClassLoader l = Thread.currentThread().getContextClassLoader(); l != null; l = l.getParent()) {
            if (!(l instanceof URLClassLoader u)) continue;
            for (java.net.URL url : u.getURLs()) {
                try {
                    if ("file".equals(url.getProtocol())) entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException ignored) {
                    // not a local file: cannot be on a child's class path
                }
            }
        }
        entries.removeIf(String::isBlank);
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Forwards the child's output to this executor's stderr, keeping the last lines for an error message. */
    private static Deque<String> pump(Process child) {
        Deque<String> tail = new ArrayDeque<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.err.println(line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 20) tail.removeFirst();
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "run-output");
        t.setDaemon(true);
        t.start();
        return tail;
    }

    private static RuntimeException failure(String rel, int rc, Deque<String> tail) {
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        String error = lines.stream().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b).orElse(null);
        if (rc == 2 && error != null) return new InvalidInputException("run " + rel + ": " + error.substring(7));
        String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        return new IllegalStateException("run " + rel + " failed with exit status " + rc + " (" + last + ")");
    }

    /** Deletes a scratch directory and everything in it, as far as it can. */
    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space; the OS cleans the temp directory
        }
    }

    /** Modification time and size of the run's checkpoint: a change means a new checkpoint to copy back. */
    private record Snapshot(FileTime modified, long size) {
        static Snapshot of(Path run) {
            Path ck = run.resolve(GrokRun.CHECKPOINT);
            try {
                return new Snapshot(Files.getLastModifiedTime(ck), Files.size(ck));
            } catch (IOException e) {
                return new Snapshot(null, -1);
            }
        }
    }
}
