package io.thermoscope.spark;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.GrokWorker;

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
 * One batch of a sweep (the seeds of one p, trained as one batched model) as one Spark task, on whichever executor
 * Spark picks. The batch trains in a child JVM ({@link RunWorker}) — DJL's gradient collector is process-wide, so only
 * one training may run per JVM, and an executor (or the driver, in local mode) runs several tasks at once — inside a
 * local scratch copy of its files. Before it starts, the task copies the runs' files and the batch checkpoint from the
 * output (a resumed or retried batch continues from its last checkpoint); while it trains, every new checkpoint is
 * copied back with the runs' metrics; at the end the summaries are copied last, so a run with a {@code summary.json}
 * in the output is finished.
 *
 * @param jobJson   the batch as a {@link GrokWorker.Job}, with directories relative to the sweep directory
 * @param out       the sweep directory
 * @param gitCommit the driver's source commit, recorded in the runs' provenance as in a plain sweep
 */
record SweepTask(String jobJson, HadoopDirectory out, String gitCommit) implements Serializable {
    private static final long POLL_MILLIS = 250;

    /** Trains (or finishes) the batch; returns its checkpoint's path relative to the sweep. */
    String run() {
        GrokWorker.Job job = job();
        List<String> runs = job.dirs();
        String ck = job.checkpoint();
        if (runs.stream().allMatch(r -> out.exists(r + "/" + GrokRun.SUMMARY))) return ck; // finished earlier
        Path scratch = null;
        Process child = null;
        try {
            scratch = Files.createTempDirectory("thermoscope-task-");
            Path root = Files.createDirectories(scratch.resolve("sweep"));
            String ckDir = parent(ck);
            out.deleteInterruptedUploads(ckDir); // an earlier attempt may have died in the middle of a copy
            out.download(ck, root.resolve(ck));
            List<String> local = new ArrayList<>();
            for (String r : runs) {
                if (!r.equals(ckDir)) out.deleteInterruptedUploads(r);
                for (String f : List.of(GrokRun.CONFIG, GrokRun.METRICS)) out.download(r + "/" + f, root.resolve(r).resolve(f));
                local.add(Files.createDirectories(root.resolve(r)).toString());
            }
            Path jobFile = scratch.resolve("job.json");
            AtomicFiles.writeString(jobFile, Json.toJson(new GrokWorker.Job(job.configs(), local,
                    root.resolve(ck).toString(), job.gate(), job.window())));
            child = start(jobFile);
            Deque<String> tail = pump(child);
            Snapshot last = Snapshot.of(root.resolve(ck));
            while (!child.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                Snapshot now = Snapshot.of(root.resolve(ck));
                if (!now.equals(last)) sync(root, runs, ck, false);
                last = now;
            }
            int rc = child.exitValue();
            if (rc != 0) throw failure(ck, rc, tail);
            sync(root, runs, ck, true);
            return ck;
        } catch (IOException e) {
            throw new UncheckedIOException("batch " + ck + ": " + HadoopDirectory.firstLine(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the task was killed: the child goes with it, the output keeps the last checkpoint
            throw new IllegalStateException("batch " + ck + " interrupted", e);
        } finally {
            if (child != null && child.isAlive()) child.destroyForcibly();
            if (scratch != null) deleteTree(scratch);
        }
    }

    GrokWorker.Job job() {
        try {
            return Json.mapper().readValue(jobJson, GrokWorker.Job.class);
        } catch (IOException e) {
            throw new InvalidInputException("bad batch description: " + HadoopDirectory.firstLine(e));
        }
    }

    private static String parent(String relative) {
        int cut = relative.lastIndexOf('/');
        return cut < 0 ? "" : relative.substring(0, cut);
    }

    /** Copies the batch's files to the output in the order a plain batch writes them; the summaries only when finished. */
    private void sync(Path root, List<String> runs, String ck, boolean finished) {
        for (String r : runs) {
            if (Files.exists(root.resolve(r).resolve(GrokRun.CONFIG))) out.upload(root.resolve(r).resolve(GrokRun.CONFIG), r + "/" + GrokRun.CONFIG);
        }
        if (Files.exists(root.resolve(ck))) out.upload(root.resolve(ck), ck);
        for (String r : runs) {
            if (Files.exists(root.resolve(r).resolve(GrokRun.METRICS))) out.upload(root.resolve(r).resolve(GrokRun.METRICS), r + "/" + GrokRun.METRICS);
        }
        if (finished) for (String r : runs) out.upload(root.resolve(r).resolve(GrokRun.SUMMARY), r + "/" + GrokRun.SUMMARY);
    }

    /** The child JVM: this JVM's java, the task's full class path, standard input a pipe that only closes with us. */
    private Process start(Path jobFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider", "-Dslf4j.internal.verbosity=WARN",
                "-Dthermoscope.gitCommit=" + gitCommit,
                "-cp", classPath(), RunWorker.class.getName(), jobFile.toString()));
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

    private static RuntimeException failure(String ck, int rc, Deque<String> tail) {
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        String error = lines.stream().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b).orElse(null);
        if (rc == 2 && error != null) return new InvalidInputException("batch " + ck + ": " + error.substring(7));
        String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        return new IllegalStateException("batch " + ck + " failed with exit status " + rc + " (" + last + ")");
    }

    /** Deletes a scratch directory and everything in it, as far as it can. */
    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space; the OS cleans the temp directory
        }
    }

    /** Modification time and size of the batch's checkpoint: a change means a new checkpoint to copy back. */
    private record Snapshot(FileTime modified, long size) {
        static Snapshot of(Path ck) {
            try {
                return new Snapshot(Files.getLastModifiedTime(ck), Files.size(ck));
            } catch (IOException e) {
                return new Snapshot(null, -1);
            }
        }
    }
}
