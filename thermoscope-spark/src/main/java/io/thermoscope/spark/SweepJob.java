package io.thermoscope.spark;

import io.thermoscope.cluster.Cluster;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;
import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokRun;
import io.thermoscope.train.GrokSummary;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.SweepConfig;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A training sweep on Spark: the driver checks the output and every existing run before anything is written (as
 * {@link GrokSweep#run} does), writes {@code sweep.json}, and submits one task per unfinished run
 * ({@link SweepTask}); finished runs are skipped. Progress is reported as tasks end.
 */
final class SweepJob {
    private SweepJob() {
    }

    /**
     * Runs (or continues) {@code sweep} into {@code location}; {@code scratch} is a local directory for the copies the
     * driver reads when the output is not local.
     */
    @SuppressWarnings("try") // the progress listener only needs to live as long as the job
    static Cluster.SweepDirectory run(JavaSparkContext jsc, SweepConfig sweep, String location, GrokSweep.Listener listener,
                                      Path scratch) {
        HadoopDirectory out = HadoopDirectory.of(location, jsc.hadoopConfiguration());
        out.checkWritable();
        Path mirror = out.localPath() != null ? out.localPath() : scratch;
        // fail early, like the plain sweep: a run directory holding another run's config refuses the whole sweep
        for (GrokConfig c : sweep.runs()) {
            String rel = SweepConfig.dirName(c);
            if (copy(out, mirror, rel + "/" + GrokRun.CONFIG)) GrokRun.prepare(c, mirror.resolve(rel), true);
        }
        Json.write(mirror.resolve("sweep.json"), sweep);
        if (mirror == scratch) out.upload(mirror.resolve("sweep.json"), "sweep.json");

        List<SweepTask> pending = new ArrayList<>();
        String commit = Provenance.currentGitCommit();
        for (GrokConfig c : sweep.runs()) {
            if (!out.exists(SweepConfig.dirName(c) + "/" + GrokRun.SUMMARY)) pending.add(new SweepTask(c.toJson(), out, commit));
        }
        int total = sweep.runs().size();
        int[] done = {total - pending.size()};
        if (!pending.isEmpty()) {
            try (TaskProgress progress = TaskProgress.listen(jsc, listener == null ? null : index -> {
                GrokConfig c = pending.get(index).config();
                listener.onRunFinished(c, summary(out, mirror, c), ++done[0], total);
            })) {
                jsc.setJobDescription("thermoscope grok sweep: " + pending.size() + " of " + total + " runs");
                jsc.parallelize(pending, pending.size()).foreach(SweepTask::run);
            } catch (RuntimeException e) {
                throw SparkErrors.translate(e);
            }
        }
        for (GrokConfig c : sweep.runs()) summary(out, mirror, c); // every run finished: all summaries readable
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

    /** A finished run's summary, read through the mirror. */
    private static GrokSummary summary(HadoopDirectory out, Path mirror, GrokConfig c) {
        String rel = SweepConfig.dirName(c) + "/" + GrokRun.SUMMARY;
        if (!copy(out, mirror, rel)) throw new IllegalStateException("run " + SweepConfig.dirName(c) + " has no summary");
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
