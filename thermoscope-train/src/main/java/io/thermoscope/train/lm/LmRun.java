package io.thermoscope.train.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.InvalidInputException;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;
import io.thermoscope.io.StagedOutput;
import io.thermoscope.train.AdamW;
import io.thermoscope.train.Checkpoint;
import io.thermoscope.train.ParameterLayout;
import io.thermoscope.train.TorchRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * One language-model training run: trains the {@link CausalLm} of an {@link LmConfig} on the training documents of a
 * {@link ByteCorpus} with AdamW (next-byte cross-entropy over every position of random windows), evaluates validation
 * bits per byte every {@code evalEvery} steps, checkpoints, and at the end scores the final validation windows, the
 * n-gram baselines on the same windows and a few samples. Files in the run directory: {@code config.json},
 * {@code metrics.csv}, {@code checkpoint.bin} (parameters + AdamW state, atomic, CRC-checked), {@code summary.json},
 * {@code samples.json}. Batches are a pure function of (seed, step) and the initialisation of the seed, so a run
 * resumed after {@code kill -9} reproduces the uninterrupted one bit for bit (for a fixed thread count).
 */
public final class LmRun {
    /** File names inside a run directory. */
    public static final String CONFIG = "config.json", METRICS = "metrics.csv", SUMMARY = "summary.json",
            CHECKPOINT = "checkpoint.bin", SAMPLES = "samples.json";
    /** Highest Kneser–Ney order of the baselines. */
    public static final int BASELINE_ORDER = 5;
    /** Validation bits per byte above which a run counts as diverged: twice the 8 bits of a uniform guess. */
    static final double DIVERGED_BPB = 16;
    /** Windows per forward pass in evaluations. */
    private static final int EVAL_CHUNK = 16;

    private LmRun() {
    }

    /** Receives progress: every step and every evaluation. */
    public interface Listener {
        /** After step {@code step} of {@code steps}; {@code last} is the latest evaluation. */
        void onStep(int step, int steps, LmMetrics last);
    }

    /**
     * Trains (or, with {@code resume}, continues) the run of {@code cfg} on {@code corpus} in {@code outDir}; a
     * finished run is read back. {@code listener} may be null; {@code commandLine} goes into the provenance.
     */
    public static LmSummary train(LmConfig cfg, ByteCorpus corpus, Path outDir, boolean resume, Listener listener,
                                  List<String> commandLine) {
        if (corpus.context() != cfg.model().context()) {
            throw new InvalidInputException("corpus windows have context " + corpus.context() + ", the model " + cfg.model().context());
        }
        if (cfg.schedule().checkpointEvery() % cfg.schedule().evalEvery() != 0) {
            throw new InvalidInputException("checkpoint-every (" + cfg.schedule().checkpointEvery()
                    + ") must be a multiple of eval-every (" + cfg.schedule().evalEvery() + ")");
        }
        ObjectNode identity = identity(cfg, corpus);
        try (StagedOutput owner = StagedOutput.passThrough(String.join(" ", commandLine))) {
            owner.own(outDir); // one process per run directory; released (and an empty new directory removed) on exit
            Checkpoint ck = prepare(identity, outDir, resume);
            Path summaryFile = outDir.resolve(SUMMARY);
            LmSummary s = ck != null && ck.runs().get(0).finished() && Files.exists(summaryFile) ? readSummary(summaryFile)
                    : run(cfg, corpus, outDir, ck, identity, listener, Provenance.capture(commandLine, cfg.seed()));
            owner.commit();
            return s;
        }
    }

    /** The training loop from {@code ck} (null: from scratch) to the summary. */
    private static LmSummary run(LmConfig cfg, ByteCorpus corpus, Path outDir, Checkpoint ck, ObjectNode identity,
                                 Listener listener, Provenance prov) {
        Path summaryFile = outDir.resolve(SUMMARY);
        Engine engine = TorchRuntime.start(cfg.threads());
        SplittableRandom root = new SplittableRandom(cfg.seed());
        SplittableRandom init = root.split();
        long batchSeed = root.nextLong();
        List<LmMetrics> rows = new ArrayList<>();
        LmConfig.Schedule sch = cfg.schedule();
        int ctx = cfg.model().context(), steps = sch.steps();
        List<ByteCorpus.Window> evalWindows = corpus.validationWindows(sch.evalWindows());
        try (NDManager base = engine.newBaseManager()) {
            CausalLm model = new CausalLm(cfg.model(), base, init);
            Optimisers opt = new Optimisers(model, base, cfg.optimiser());
            int step = 0;
            double trainSeconds = 0;
            boolean configWritten = ck != null;
            if (ck != null) {
                opt.restore(ck, model);
                step = ck.step();
                for (double[] r : ck.runs().get(0).rows()) rows.add(LmMetrics.of(r));
                // training time up to the last evaluation (the checkpoint holds no timing, so a resumed run is bitwise the same)
                if (!rows.isEmpty()) trainSeconds = rows.get(rows.size() - 1).trainSeconds();
            }
            NDArray evalBytes = base.create(corpus.windowBytes(evalWindows), new Shape(evalWindows.size(), ctx + 1));
            if (rows.isEmpty()) {
                rows.add(new LmMetrics(0, 0, 0, Double.NaN, bitsPerByte(model, evalBytes), Double.NaN, 0));
            }
            double lossSum = 0;
            int lossSteps = 0;
            double sinceEval = 0;
            while (step < steps) {
                double lr = cfg.optimiser().rate(step, steps);
                long s0 = System.nanoTime();
                try (NDManager sc = base.newSubManager()) {
                    NDArray all = sc.create(corpus.trainingBatch(batchSeed, step, sch.batch()), new Shape(sch.batch(), ctx + 1));
                    NDArray loss;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        loss = crossEntropy(model.forward(all.get(":, 0:" + ctx)), all.get(":, 1:"));
                        gc.backward(loss);
                    }
                    lossSum += loss.getFloat();
                    lossSteps++;
                    opt.step(lr, cfg.optimiser().clip(), sc);
                    for (NDArray p : model.parameters().values()) JniUtils.zeroGrad((PtNDArray) p);
                }
                double dt = (System.nanoTime() - s0) * 1e-9;
                trainSeconds += dt;
                sinceEval += dt;
                step++;
                boolean done = step >= steps;
                if (step % sch.evalEvery() == 0 || done) {
                    double tps = (double) lossSteps * sch.batch() * ctx / sinceEval;
                    double trainBpb = lossSum / lossSteps / Math.log(2);
                    rows.add(new LmMetrics(step, (long) step * sch.batch() * ctx, lr, trainBpb,
                            bitsPerByte(model, evalBytes), tps, trainSeconds));
                    lossSum = 0;
                    lossSteps = 0;
                    sinceEval = 0;
                    double valBpb = rows.get(rows.size() - 1).valBpb();
                    if (!Double.isFinite(trainBpb) || !(valBpb <= DIVERGED_BPB)) {
                        throw new InvalidInputException(String.format(Locale.ROOT, "training diverged at step %d "
                                + "(train %.4g, validation %.4g bits per byte; a uniform guess costs 8); lower --lr", step, trainBpb, valBpb));
                    }
                }
                if (listener != null) listener.onStep(step, steps, rows.get(rows.size() - 1));
                if (done || (sch.checkpointEvery() > 0 && step % sch.checkpointEvery() == 0)) {
                    if (!configWritten) writeConfig(outDir, cfg, identity, prov);
                    configWritten = true;
                    writeMetrics(outDir.resolve(METRICS), rows);
                    opt.snapshot(cfg, model, step, rows, false).write(outDir.resolve(CHECKPOINT));
                }
            }
            // the final evaluation, baselines and samples
            List<ByteCorpus.Window> finals = corpus.validationWindows(sch.finalWindows());
            long[] finalBytes = corpus.windowBytes(finals);
            double[] modelBits = windowBits(model, base.create(finalBytes, new Shape(finals.size(), ctx + 1)));
            ByteNGram counts = NGramCache.counts(corpus, BASELINE_ORDER);
            NGramBaselines baselines = NGramBaselines.of(counts, corpus, finalBytes);
            double[] uniBits = counts.windowBits(finalBytes, ctx, 0);
            double[] knBits = counts.windowBits(finalBytes, ctx, baselines.best().order());
            Json.write(outDir.resolve(SAMPLES), Json.withProvenance(Samples.generate(model, corpus, cfg.seed()), prov));
            double tps = trainSeconds > 0 ? (double) step * sch.batch() * ctx / trainSeconds : Double.NaN;
            LmSummary summary = new LmSummary(cfg.preset(), cfg.model().layers(), cfg.model().dModel(), cfg.model().heads(),
                    ctx, cfg.model().parameterCount(), step, (long) step * sch.batch() * ctx, mean(modelBits),
                    (long) finals.size() * ctx, baselines, perDocument(corpus, finals, modelBits, uniBits, knBits), tps,
                    cfg.model().trainingFlopsPerToken(), trainSeconds, cfg.threads());
            Json.write(summaryFile, Json.withProvenance(summary, prov));
            opt.snapshot(cfg, model, step, rows, true).write(outDir.resolve(CHECKPOINT));
            return summary;
        }
    }

    /**
     * {@code config.json}: the run's identity plus derived sizes and provenance; written with the first checkpoint,
     * so a run that fails before it (a diverging learning rate) leaves nothing that blocks the corrected rerun.
     */
    private static void writeConfig(Path outDir, LmConfig cfg, ObjectNode identity, Provenance prov) {
        ObjectNode n = identity.deepCopy();
        n.put("parameters", cfg.model().parameterCount());
        n.put("tokenBudget", cfg.tokenBudget());
        n.put("trainingFlopsPerToken", cfg.model().trainingFlopsPerToken());
        n.put("dk", cfg.model().dk());
        n.put("temperature", Math.sqrt(cfg.model().dk()));
        n.put("engine", "DJL " + Engine.getDjlVersion() + " / PyTorch (CPU, offline)");
        n.set("provenance", Json.toNode(prov));
        Json.write(outDir.resolve(CONFIG), n);
    }

    /** Mean next-byte cross-entropy (nats) of logits [B × S × 256] against targets [B × S] (int64). */
    static NDArray crossEntropy(NDArray logits, NDArray targets) {
        return logits.logSoftmax(-1).gather(targets.expandDims(-1), 2).mean().neg();
    }

    /** Validation bits per byte of {@code windows} [W × (context + 1)]: mean cross-entropy / ln 2. */
    static double bitsPerByte(CausalLm model, NDArray windows) {
        return mean(windowBits(model, windows));
    }

    /** Bits per byte of each window of {@code windows} [W × (context + 1)]. */
    static double[] windowBits(CausalLm model, NDArray windows) {
        int w = (int) windows.getShape().get(0), ctx = model.architecture().context();
        double[] out = new double[w];
        for (int from = 0; from < w; from += EVAL_CHUNK) {
            int to = Math.min(w, from + EVAL_CHUNK);
            try (NDManager sc = windows.getManager().newSubManager()) {
                NDArray chunk = windows.get(from + ":" + to);
                chunk.attach(sc);
                NDArray logits = model.forward(chunk.get(":, 0:" + ctx));
                NDArray targets = chunk.get(":, 1:").expandDims(-1);
                // per-window mean of −log p(target) in nats
                float[] nats = logits.logSoftmax(-1).gather(targets, 2).squeeze(-1).mean(new int[] {1}).neg().toFloatArray();
                for (int i = from; i < to; i++) out[i] = nats[i - from] / Math.log(2);
            }
        }
        return out;
    }

    /** Per validation document: its windows' mean bits per byte under the decoder, the unigram and the best n-gram. */
    static List<LmSummary.DocumentBits> perDocument(ByteCorpus corpus, List<ByteCorpus.Window> windows, double[] model,
                                                    double[] unigram, double[] ngram) {
        Map<Integer, double[]> sums = new java.util.TreeMap<>();
        for (int i = 0; i < windows.size(); i++) {
            double[] s = sums.computeIfAbsent(windows.get(i).doc(), k -> new double[4]);
            s[0] += model[i];
            s[1] += unigram[i];
            s[2] += ngram[i];
            s[3]++;
        }
        List<LmSummary.DocumentBits> out = new ArrayList<>();
        sums.forEach((doc, s) -> out.add(new LmSummary.DocumentBits(corpus.validation().get(doc).id(), (int) s[3],
                s[0] / s[3], s[1] / s[3], s[2] / s[3])));
        return List.copyOf(out);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    /** AdamW on the decayed matrices and AdamW without decay on the rest, with one step counter. */
    private static final class Optimisers {
        private final Map<String, NDArray> decayed = new LinkedHashMap<>(), plain = new LinkedHashMap<>();
        private final AdamW withDecay, noDecay;

        Optimisers(CausalLm model, NDManager base, LmConfig.Optimiser o) {
            model.parameters().forEach((name, p) -> (CausalLm.decayed(name) ? decayed : plain).put(name, p));
            withDecay = new AdamW(decayed, base, o.beta1(), o.beta2(), o.eps(), o.weightDecay());
            noDecay = new AdamW(plain, base, o.beta1(), o.beta2(), o.eps(), 0);
        }

        /** Clips the gradient to a global L2 norm of {@code clip} (when positive), then one AdamW step of both groups. */
        void step(double lr, double clip, NDManager scratch) {
            if (clip > 0) {
                NDArray norm2 = null;
                for (var group : List.of(decayed, plain)) {
                    for (NDArray p : group.values()) {
                        NDArray g = p.getGradient();
                        g.attach(scratch);
                        NDArray s = g.square().sum();
                        s.attach(scratch);
                        norm2 = norm2 == null ? s : norm2.add(s);
                        norm2.attach(scratch);
                    }
                }
                double norm = Math.sqrt(norm2.getFloat()); // one read of ‖g‖² per step
                if (norm > clip) {
                    float scale = (float) (clip / norm); // g ← g·clip/‖g‖ (global norm clipping)
                    for (var group : List.of(decayed, plain)) {
                        for (NDArray p : group.values()) {
                            NDArray g = p.getGradient();
                            g.attach(scratch);
                            g.muli(scale);
                        }
                    }
                }
            }
            withDecay.step(decayed, lr, scratch);
            noDecay.step(plain, lr, scratch);
        }

        NDArray moment(String name, boolean first) {
            AdamW a = decayed.containsKey(name) ? withDecay : noDecay;
            return (first ? a.firstMoments() : a.secondMoments()).get(name);
        }

        /** The model's parameters as a one-run {@link ParameterLayout} (the grokking engine's checkpoint format). */
        static ParameterLayout layout(CausalLm model) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            model.parameters().forEach((name, p) -> shapes.put(name, p.getShape().getShape()));
            return ParameterLayout.of(1, 1, shapes);
        }

        Checkpoint snapshot(LmConfig cfg, CausalLm model, int step, List<LmMetrics> rows, boolean finished) {
            ParameterLayout layout = layout(model);
            int n = Math.toIntExact(layout.total());
            float[] params = new float[n], m = new float[n], v = new float[n];
            model.parameters().forEach((name, p) -> {
                int at = Math.toIntExact(layout.entry(name).offset());
                copy(p.toFloatArray(), params, at);
                copy(moment(name, true).toFloatArray(), m, at);
                copy(moment(name, false).toFloatArray(), v, at);
            });
            List<double[]> r = new ArrayList<>();
            for (LmMetrics row : rows) r.add(row.values());
            return new Checkpoint(cfg.toJson(), step, withDecay.stepCount(), layout, params, m, v,
                    List.of(new Checkpoint.RunState(finished, r)));
        }

        private static void copy(float[] from, float[] to, int at) {
            System.arraycopy(from, 0, to, at, from.length);
        }

        void restore(Checkpoint ck, CausalLm model) {
            ParameterLayout want = layout(model);
            if (!want.equals(ck.layout())) {
                throw new InvalidInputException("the checkpoint belongs to another model shape: its parameters are "
                        + ck.layout().entries() + ", the model needs " + want.entries());
            }
            for (float[] a : List.of(ck.params(), ck.m(), ck.v())) {
                for (float x : a) {
                    if (!Float.isFinite(x)) throw new InvalidInputException("the checkpoint holds non-finite weights or moments");
                }
            }
            for (var e : model.parameters().entrySet()) {
                String name = e.getKey();
                e.getValue().set(want.slice(ck.params(), 0, name));
                moment(name, true).set(want.slice(ck.m(), 0, name));
                moment(name, false).set(want.slice(ck.v(), 0, name));
            }
            withDecay.setStepCount(ck.adamSteps());
            noDecay.setStepCount(ck.adamSteps());
        }
    }

    /** The run's identity: configuration plus the corpus (name, document counts, bytes and a CRC-32 of the split). */
    static ObjectNode identity(LmConfig cfg, ByteCorpus corpus) {
        ObjectNode n = Json.object();
        n.set("config", Json.toNode(cfg));
        ObjectNode c = n.putObject("corpus");
        c.put("name", corpus.name());
        c.put("trainDocuments", corpus.train().size());
        c.put("validationDocuments", corpus.validation().size());
        c.put("skippedDocuments", corpus.skipped());
        c.put("trainBytes", ByteCorpus.bytes(corpus.train()));
        c.put("validationBytes", ByteCorpus.bytes(corpus.validation()));
        CRC32 crc = new CRC32();
        for (List<ByteCorpus.Doc> set : List.of(corpus.train(), corpus.validation())) {
            for (ByteCorpus.Doc d : set) {
                crc.update(d.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                crc.update(d.bytes());
            }
        }
        c.put("crc32", Long.toHexString(crc.getValue()));
        return n;
    }

    /**
     * Validates the output directory before anything is written: a directory holding another run is refused; an
     * existing run is continued only with {@code resume}; a corrupt checkpoint is reported and left untouched.
     * Returns the checkpoint to resume from, or null.
     */
    static Checkpoint prepare(ObjectNode identity, Path outDir, boolean resume) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new InvalidInputException("output " + outDir + " exists and is not a directory");
        }
        Path config = outDir.resolve(CONFIG), ckFile = outDir.resolve(CHECKPOINT);
        if (Files.exists(config)) {
            JsonNode existing;
            try {
                existing = Json.mapper().readTree(config.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(config + " is not readable JSON; refusing to overwrite it");
            }
            String diff = difference(existing, identity);
            boolean trained = Files.exists(ckFile) || Files.exists(outDir.resolve(SUMMARY));
            if (diff != null && trained) {
                throw new InvalidInputException(outDir + " holds another run (" + diff + "); choose another --out");
            }
            if (diff != null) return null; // a start that never reached its first checkpoint: begin afresh
            if (!resume && trained) {
                throw new InvalidInputException(outDir + " already holds this run; pass --resume to continue it, or choose another --out");
            }
        } else if (Files.exists(ckFile)) {
            throw new InvalidInputException(outDir + " holds a checkpoint without config.json; refusing to touch it");
        }
        if (!resume || !Files.exists(ckFile)) return null;
        Checkpoint ck = Checkpoint.read(ckFile);
        JsonNode ckCfg;
        try {
            ckCfg = Json.mapper().readTree(ck.metadataJson());
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + ckFile + " is corrupt: bad configuration");
        }
        String diff = difference(Json.object().set("config", ckCfg), (ObjectNode) identity.deepCopy().without("corpus"));
        if (diff != null) throw new InvalidInputException("checkpoint " + ckFile + " belongs to another run (" + diff + ")");
        return ck;
    }

    /** The first field of {@code want} that {@code node} lacks or holds differently, as "path: old vs new"; or null. */
    static String difference(JsonNode node, JsonNode want) {
        return difference(node, want, "");
    }

    private static String difference(JsonNode node, JsonNode want, String path) {
        if (want.isObject()) {
            for (var it = want.fields(); it.hasNext(); ) {
                var e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode a = node == null ? null : node.get(e.getKey());
                if (a == null) return p + ": missing vs " + e.getValue();
                String d = difference(a, e.getValue(), p);
                if (d != null) return d;
            }
            return null;
        }
        boolean same = want.isNumber() && node.isNumber() ? want.asDouble() == node.asDouble() : want.equals(node);
        return same ? null : path + ": " + node.asText() + " vs " + want.asText();
    }

    /** Writes metrics.csv: header, then one row per evaluation ({@code %.17g}, Locale.ROOT). */
    static void writeMetrics(Path file, List<LmMetrics> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", LmMetrics.COLUMNS)).append('\n');
        for (LmMetrics r : rows) {
            sb.append(r.step()).append(',').append(r.tokens());
            double[] v = r.values();
            for (int i = 2; i < v.length; i++) sb.append(',').append(String.format(Locale.ROOT, "%.17g", v[i]));
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Reads the rows of a run's metrics.csv back. */
    public static List<LmMetrics> readMetrics(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            List<LmMetrics> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) v[i] = Double.parseDouble(f[i]);
                out.add(LmMetrics.of(v));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot read " + csv + ": " + e.getMessage());
        }
    }

    /** Reads a finished run's summary.json back. */
    public static LmSummary readSummary(Path file) {
        return Json.readWithoutProvenance(file, LmSummary.class);
    }
}
