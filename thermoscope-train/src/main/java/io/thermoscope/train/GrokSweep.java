package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SweepConfig}, resumably: finished runs are skipped, unfinished ones resumed from their checkpoint.
 * With {@code parallel} &gt; 1 each run is a child JVM ({@link GrokWorker}) because PyTorch's autograd collector
 * is process-wide; its output goes to {@code DIR/p{p}/seed{s}/log.txt}.
 */
public final class GrokSweep {

    /** Progress of a sweep: called when a run finishes (from worker threads, serially). */
    @FunctionalInterface
    public interface Listener {
        /** Run {@code cfg} finished with {@code summary}; {@code done} of {@code total} runs are finished. */
        void onRunFinished(GrokConfig cfg, GrokSummary summary, int done, int total);
    }

    private GrokSweep() {
    }

    /** Runs (or continues) the sweep into {@code outDir}; returns every run's summary in sweep order. */
    public static List<GrokSummary> run(SweepConfig sweep, Path outDir, Listener listener) {
        for (GrokConfig c : sweep.runs()) GrokRun.prepare(c, outDir.resolve(SweepConfig.dirName(c)), true); // fail early
        Json.write(outDir.resolve("sweep.json"), sweep);
        int total = sweep.runs().size();
        int[] done = {0};
        List<GrokSummary> out = new ArrayList<>();
        if (sweep.parallel() == 1) {
            for (GrokConfig c : sweep.runs()) {
                GrokSummary s = GrokRun.train(c, outDir.resolve(SweepConfig.dirName(c)), true, null);
                out.add(s);
                if (listener != null) listener.onRunFinished(c, s, ++done[0], total);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(sweep.parallel());
        try {
            List<Future<GrokSummary>> futures = new ArrayList<>();
            for (GrokConfig c : sweep.runs()) {
                futures.add(pool.submit(() -> {
                    GrokSummary s = runChild(c, outDir.resolve(SweepConfig.dirName(c)));
                    if (listener != null) {
                        synchronized (done) {
                            listener.onRunFinished(c, s, ++done[0], total);
                        }
                    }
                    return s;
                }));
            }
            for (Future<GrokSummary> f : futures) out.add(f.get());
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Trains one run in a child JVM (same class path), returning its summary. */
    private static GrokSummary runChild(GrokConfig cfg, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path cfgFile = dir.resolve(".worker-config.json");
        AtomicFiles.writeString(cfgFile, cfg.toJson());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), GrokWorker.class.getName(), cfgFile.toString(), dir.toString());
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile())).start();
        int rc = proc.waitFor();
        if (rc != 0) {
            String log = Files.exists(dir.resolve("log.txt")) ? Files.readString(dir.resolve("log.txt")) : "";
            String last = log.lines().filter(l -> l.startsWith("error:")).reduce((a, b) -> b).orElse("exit " + rc);
            if (rc == 2) throw new InvalidInputException("run " + dir + ": " + last.replaceFirst("^error: ", ""));
            throw new UncheckedIOException(new IOException("run " + dir + " failed (" + last + "); see " + dir.resolve("log.txt")));
        }
        return GrokRun.readSummary(dir.resolve(GrokRun.SUMMARY));
    }
}
