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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SweepConfig}, resumably: finished runs are skipped, unfinished batches resumed from their
 * checkpoint. With {@code parallel} &gt; 1 each batch trains in a child JVM ({@link GrokWorker}) because PyTorch's
 * autograd collector is process-wide; its output goes to {@code log.txt} beside the batch's checkpoint.
 */
public final class GrokSweep {

    /** Progress of a sweep: called when a batch finishes (serially). */
    @FunctionalInterface
    public interface Listener {
        /** The runs of one batch finished with {@code summaries}; {@code done} of {@code total} runs are finished. */
        void onBatchFinished(List<GrokSummary> summaries, int done, int total);
    }

    private GrokSweep() {
    }

    /** Runs (or continues) the sweep into {@code outDir}; returns every run's summary, batch by batch. */
    public static List<GrokSummary> run(SweepConfig sweep, Path outDir, GrokGate gate, PlateauWindow window,
                                        Listener listener) {
        check(sweep, outDir);
        List<BatchRun.Batch> batches = sweep.batches(outDir);
        Json.write(outDir.resolve("sweep.json"), sweep);
        int total = sweep.runs().size();
        int[] done = {0};
        List<GrokSummary> out = new ArrayList<>();
        if (sweep.parallel() == 1) {
            for (BatchRun.Batch b : batches) {
                List<GrokSummary> s = BatchRun.train(b, true, gate, window, null, List.of("GrokSweep", outDir.toString()));
                out.addAll(s);
                done[0] += s.size();
                if (listener != null) listener.onBatchFinished(s, done[0], total);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(sweep.parallel());
        try {
            List<Future<List<GrokSummary>>> futures = new ArrayList<>();
            for (BatchRun.Batch b : batches) {
                futures.add(pool.submit(() -> {
                    List<GrokSummary> s = runChild(b, gate, window);
                    synchronized (done) {
                        done[0] += s.size();
                        if (listener != null) listener.onBatchFinished(s, done[0], total);
                    }
                    return s;
                }));
            }
            for (Future<List<GrokSummary>> f : futures) out.addAll(f.get());
            return out;
        } catch (ExecutionException e) {
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

    /**
     * Fails early, before anything is written: every run directory under {@code outDir} must hold this run's
     * configuration or none, and every batch checkpoint must be readable, belong to its batch and fit its layout.
     */
    public static void check(SweepConfig sweep, Path outDir) {
        for (BatchRun.Batch b : sweep.batches(outDir)) {
            GrokConfig c = b.members().get(0).config();
            ParameterLayout layout = ParameterLayout.of(b.size(), c.model().dModel(), BatchedTransformer.shapes(c));
            BatchRun.prepare(b, true, layout, EvalRow.SCALARS.length + EvalRow.HEAD_BLOCKS.length * c.model().layers() * c.model().heads());
        }
    }

    /** Trains one batch in a child JVM (same class path), returning its summaries. */
    private static List<GrokSummary> runChild(BatchRun.Batch batch, GrokGate gate, PlateauWindow window)
            throws IOException, InterruptedException {
        Path home = batch.checkpoint().getParent();
        Files.createDirectories(home);
        String stem = batch.checkpoint().getFileName().toString().replace(".bin", "");
        Path jobFile = home.resolve("." + stem + ".job.json"), log = home.resolve(stem + ".log.txt");
        AtomicFiles.writeString(jobFile, Json.toJson(GrokWorker.Job.of(batch, gate, window)));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), GrokWorker.class.getName(), jobFile.toString());
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        int rc;
        try {
            rc = proc.waitFor();
        } catch (InterruptedException e) {
            proc.destroy();
            throw e;
        }
        if (rc != 0) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            String last = text.lines().filter(l -> l.startsWith("error:")).reduce((a, b) -> b).orElse("exit " + rc);
            if (rc == 2) throw new InvalidInputException(last.replaceFirst("^error: ", ""));
            throw new UncheckedIOException(new IOException("batch " + batch.checkpoint() + " failed (" + last + "); see " + log));
        }
        Files.deleteIfExists(jobFile);
        List<GrokSummary> out = new ArrayList<>();
        for (BatchRun.Member m : batch.members()) out.add(GrokRun.readSummary(m.dir().resolve(BatchRun.SUMMARY)));
        return out;
    }
}
