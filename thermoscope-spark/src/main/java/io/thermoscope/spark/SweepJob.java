package io.thermoscope.spark;

import io.thermoscope.cluster.Cluster;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;
import io.thermoscope.train.BatchRun;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokGate;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.GrokSummary;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.GrokWorker;
import io.thermoscope.train.PlateauWindow;
import io.thermoscope.train.SweepConfig;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training sweep on Spark: the driver checks the output and every existing run and checkpoint before anything is
 * written (as {@link GrokSweep#run} does, with {@link GrokSweep#check}), writes {@code sweep.json}, and submits one
 * task per unfinished batch ({@link SweepTask}: the seeds of one p train together as one batched model, exactly as
 * in the plain sweep); finished batches are skipped. Progress is reported as tasks end.
 */
final class SweepJob {
    private SweepJob() {
    }

    /**
     * Runs (or continues) {@code sweep} into {@code location}; {@code scratch} is a local directory for the copies the
     * driver reads when the output is not local.
     */
    @SuppressWarnings("try") // the progress listener only needs to live as long as the job
    static Cluster.SweepDirectory run(JavaSparkContext jsc, SweepConfig sweep, String location, GrokGate gate,
                                      PlateauWindow window, GrokSweep.Listener listener, Path scratch) {
        HadoopDirectory out = HadoopDirectory.of(location, jsc.hadoopConfiguration());
        out.checkWritable();
        Path mirror = out.localPath() != null ? out.localPath() : scratch;
        List<BatchRun.Batch> batches = sweep.batches(Path.of("")); // paths relative to the sweep directory
        // fail early, like the plain sweep: a run directory holding another run's config, or a checkpoint that does
        // not fit its batch, refuses the whole sweep
        for (BatchRun.Batch b : batches) {
            for (BatchRun.Member m : b.members()) copy(out, mirror, m.dir() + "/" + GrokRun.CONFIG);
            copy(out, mirror, b.checkpoint().toString());
        }
        GrokSweep.check(sweep, mirror);
        Json.write(mirror.resolve("sweep.json"), sweep);
        if (mirror == scratch) out.upload(mirror.resolve("sweep.json"), "sweep.json");

        List<BatchRun.Batch> pending = new ArrayList<>();
        List<SweepTask> tasks = new ArrayList<>();
        String commit = Provenance.currentGitCommit();
        for (BatchRun.Batch b : batches) {
            if (b.members().stream().allMatch(m -> out.exists(m.dir() + "/" + GrokRun.SUMMARY))) continue;
            pending.add(b);
            tasks.add(new SweepTask(Json.toJson(GrokWorker.Job.of(b, gate, window)), out, commit));
        }
        int total = sweep.runs().size();
        int[] done = {total - pending.stream().mapToInt(BatchRun.Batch::size).sum()};
        if (!pending.isEmpty()) {
            try (TaskProgress progress = TaskProgress.listen(jsc, listener == null ? null : index -> {
                List<GrokSummary> s = new ArrayList<>();
                for (BatchRun.Member m : pending.get(index).members()) s.add(summary(out, mirror, m.dir().toString()));
                done[0] += s.size();
                listener.onBatchFinished(s, done[0], total);
            })) {
                jsc.setJobDescription("thermoscope grok sweep: " + pending.size() + " of " + batches.size() + " batches");
                jsc.parallelize(tasks, tasks.size()).foreach(SweepTask::run);
            } catch (RuntimeException e) {
                throw SparkErrors.translate(e);
            }
        }
        for (GrokConfig c : sweep.runs()) summary(out, mirror, SweepConfig.dirName(c)); // every run finished
        return directory(out, mirror, sweep);
    }

    /** A sweep directory seen from the driver: {@code local} to read and analyse, {@code upload} to publish. */
    private record Directory(Path local, Runnable upload) implements Cluster.SweepDirectory {
        @Override
        public void publish() {
            upload.run();
        }
    }

    /**
     * Makes {@code rel} readable under {@code mirror}: nothing to do when the mirror is the (local) output itself,
     * else a download. False when the file does not exist.
     */
    private static boolean copy(HadoopDirectory out, Path mirror, String rel) {
        return mirror.equals(out.localPath()) ? Files.exists(mirror.resolve(rel)) : out.download(rel, mirror.resolve(rel));
    }

    /** A finished run's summary, read through the mirror; {@code run} is its directory relative to the sweep. */
    private static GrokSummary summary(HadoopDirectory out, Path mirror, String run) {
        String rel = run + "/" + GrokRun.SUMMARY;
        if (!copy(out, mirror, rel)) throw new IllegalStateException("run " + run + " has no summary");
        return GrokRun.readSummary(mirror.resolve(rel));
    }

    /** The output itself when local, else the mirror with what the analysis reads (configs, metrics, summaries). */
    private static Cluster.SweepDirectory directory(HadoopDirectory out, Path mirror, SweepConfig sweep) {
        if (mirror.equals(out.localPath())) return new Directory(mirror, () -> { }); // already in place
        for (GrokConfig c : sweep.runs()) {
            String rel = SweepConfig.dirName(c);
            for (String f : List.of(GrokRun.CONFIG, GrokRun.METRICS)) copy(out, mirror, rel + "/" + f);
        }
        return new Directory(mirror, () -> {
            try (var files = Files.list(mirror)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) out.upload(f, f.getFileName().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
