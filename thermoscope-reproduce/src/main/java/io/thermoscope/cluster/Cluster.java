package io.thermoscope.cluster;

import io.thermoscope.corpus.Document;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AtlasResult;
import io.thermoscope.models.ModelScan;
import io.thermoscope.models.ModelSource;
import io.thermoscope.train.GrokGate;
import io.thermoscope.train.GrokSweep;
import io.thermoscope.train.PlateauWindow;
import io.thermoscope.train.SweepConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * A cluster engine that runs the distributable part of a command: the batches of a training sweep, one task each; the
 * documents of a corpus atlas, one task per partition. An
 * implementation is found with {@link Clusters#open} only when a command is given {@code --spark}; nothing of it
 * (nor of its engine) is loaded otherwise.
 */
public interface Cluster extends AutoCloseable {

    /** The master this cluster runs on, as the engine resolved it (e.g. {@code local[2]}, {@code spark://h:7077}). */
    String master();

    /**
     * Runs (or continues) {@code sweep} into {@code out} — a local path or any URI the engine's file systems support —
     * with the plain sweep's layout and resumability: finished runs are skipped, unfinished batches resumed from their
     * checkpoints, also when a task is retried after its executor died. Checks everything it can before writing.
     *
     * @return the sweep directory as a local directory, for the analysis; {@link SweepDirectory#publish} copies the
     *         analysis back when {@code out} is not local
     */
    SweepDirectory sweep(SweepConfig sweep, String out, GrokGate gate, PlateauWindow window, GrokSweep.Listener listener);

    /**
     * The atlas of {@code model} over {@code documents} — what {@code Atlas.run} computes on one machine, equal to it
     * up to the round-off of merging per-head moment sketches in another tree (≤ 1e-12 relative) — with the documents
     * cut into {@code partitions} consecutive parts (≤ 0: the engine's default parallelism), each scanned by one task
     * with its own model session. {@code listener} hears of documents as their part finishes.
     */
    AtlasResult atlas(ModelSource model, List<Document> documents, AtlasOptions options, int partitions,
                      ModelScan.Listener listener);

    /** Stops the engine (idempotent). */
    @Override
    void close();

    /** A sweep directory seen from this machine. */
    interface SweepDirectory {
        /** A local directory holding every run's files (the output itself when it is local, else a copy). */
        Path local();

        /**
         * Copies the files directly in {@link #local()} (the analysis, the figures) to the output; nothing to do when
         * the output is local.
         */
        void publish();
    }
}
