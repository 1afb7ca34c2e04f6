package io.thermoscope.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import io.thermoscope.io.Provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains a batch of S runs of one shape as one model ({@link BatchedTransformer}, {@link FlatAdamW}): seeds and
 * per-run learning rate, weight decay and initial scale may differ, everything else must agree. Each run writes
 * {@code config.json}, {@code metrics.csv} (one row per evaluation) and {@code summary.json} into its own directory;
 * the batch's resumable state is one {@link Checkpoint} file. A run that stops (its step budget, or
 * {@code stopAfterGrok} steps after validation accuracy reached 0.99) is frozen — learning rate 0, its parameters
 * no longer change — while the others go on, so every run's record is the record it would have trained alone.
 *
 * <p>Determinism: the split, probe set, initialisation and minibatch order of each run are pure functions of its
 * seed, so the checkpoint's step is the batch's whole random state; with a fixed thread count a run (and a resume
 * after a crash or {@code kill -9}) is bitwise reproducible ({@link TorchRuntime}). Only one batch trains per JVM at a
 * time (DJL's gradient collector is process-wide).
 *
 * <p>Nothing is left behind by a run that is refused (bad input, a checkpoint that does not fit, training that
 * diverges): files this invocation created are removed; existing files (a damaged checkpoint included) are never
 * overwritten before they have been read and validated.
 */
public final class BatchRun {
    /** File names inside a run directory. */
    public static final String CONFIG = "config.json", METRICS = "metrics.csv", SUMMARY = "summary.json",
            CHECKPOINT = "checkpoint.bin";
    /** Validation accuracy after which {@code stopAfterGrok} counts. */
    public static final double EARLY_STOP_ACCURACY = 0.99;
    private static final int EVAL_CHUNK = 4096;

    private BatchRun() {
    }

    /**
     * One run of a batch.
     *
     * @param config its configuration
     * @param dir    its output directory
     */
    public record Member(GrokConfig config, Path dir) {}

    /**
     * S runs of one shape and the file of their common checkpoint.
     *
     * @param members    the runs, in batch order
     * @param checkpoint the batch's checkpoint file
     */
    public record Batch(List<Member> members, Path checkpoint) {
        /** Validates: S ≥ 1, equal shapes (all but seed, lr, weight decay, init scale), distinct directories. */
        public Batch {
            if (members == null || members.isEmpty()) throw new InvalidInputException("a batch needs S >= 1 runs, got 0");
            members = List.copyOf(members);
            GrokConfig first = members.get(0).config();
            java.util.Set<Path> dirs = new java.util.HashSet<>();
            for (Member m : members) {
                String diff = shapeDifference(first, m.config());
                if (diff != null) throw new InvalidInputException("runs of different shapes in one batch (" + diff + ")");
                if (!dirs.add(m.dir().toAbsolutePath().normalize())) {
                    throw new InvalidInputException("two runs of one batch share the directory " + m.dir());
                }
            }
        }

        /** A batch of one run whose checkpoint lies in its own directory. */
        public static Batch single(GrokConfig cfg, Path dir) {
            return new Batch(List.of(new Member(cfg, dir)), dir.resolve(CHECKPOINT));
        }

        /** S. */
        public int size() {
            return members.size();
        }
    }

    /**
     * The first field (dotted JSON path, "a vs b") in which two configurations differ other than seed, preset label,
     * learning rate, weight decay and initial scale; null when they can train in one batch.
     */
    static String shapeDifference(GrokConfig a, GrokConfig b) {
        return difference(neutral(a), neutral(b), "");
    }

    private static ObjectNode neutral(GrokConfig c) {
        ObjectNode n = Json.toObject(c);
        n.remove("seed");
        n.remove("preset");
        ((ObjectNode) n.get("optimiser")).remove(List.of("lr", "weightDecay"));
        ((ObjectNode) n.get("model")).remove("initScale");
        return n;
    }

    /** First differing leaf of two JSON trees as "path: a vs b", or null. */
    static String difference(JsonNode a, JsonNode b, String path) {
        if (a != null && b != null && a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return path + ": " + a.size() + " vs " + b.size() + " entries";
            for (int i = 0; i < a.size(); i++) {
                String d = difference(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) return d;
            }
            return null;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                String d = difference(a.get(f), b.get(f), path.isEmpty() ? f : path + "." + f);
                if (d != null) return d;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!b.has(f)) return (path.isEmpty() ? f : path + "." + f) + ": " + a.get(f).asText() + " vs missing";
            }
            return null;
        }
        if (a == null || b == null) return path + ": " + (a == null ? "missing" : a.asText()) + " vs " + (b == null ? "missing" : b.asText());
        if (a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b)) return null;
        return path + ": " + a.asText() + " vs " + b.asText();
    }

    /**
     * Trains (or resumes) {@code batch}; returns every run's summary in batch order. {@code listener} may be null.
     * Throws {@link InvalidInputException} (one-line message) for directories holding other runs, checkpoints
     * that are damaged or do not fit, and training that diverges.
     */
    public static List<GrokSummary> train(Batch batch, boolean resume, GrokGate gate, PlateauWindow window,
                                          GrokListener listener, List<String> commandLine) {
        int runs = batch.size();
        GrokConfig shape = batch.members().get(0).config();
        ParameterLayout layout = ParameterLayout.of(runs, shape.model().dModel(), BatchedTransformer.shapes(shape));
        int rowLength = EvalRow.SCALARS.length + EvalRow.HEAD_BLOCKS.length * shape.model().layers() * shape.model().heads();
        Checkpoint ck = prepare(batch, resume, layout, rowLength);
        boolean allDone = ck != null;
        if (ck != null) {
            for (int s = 0; s < runs; s++) {
                allDone &= ck.runs().get(s).finished() && Files.exists(batch.members().get(s).dir().resolve(SUMMARY));
            }
        }
        if (allDone) {
            List<GrokSummary> out = new ArrayList<>();
            for (Member m : batch.members()) out.add(GrokRun.readSummary(m.dir().resolve(SUMMARY)));
            return out;
        }
        Created created = new Created();
        try {
            return new Trainer(batch, layout, ck, gate, window, listener, commandLine, created).run();
        } catch (InvalidInputException e) {
            created.removeAll();
            throw e;
        }
    }

    /** Files and directories this invocation created, removed when it is refused. */
    private static final class Created {
        private final List<Path> paths = new ArrayList<>();

        void mark(Path p) {
            if (!Files.exists(p)) paths.add(p);
        }

        void removeAll() {
            for (int i = paths.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(paths.get(i));
                } catch (IOException ignored) {
                    // a non-empty directory stays (it holds something this invocation did not create)
                }
            }
        }
    }

    /** The training loop of one batch. */
    private static final class Trainer {
        private final Batch batch;
        private final ParameterLayout layout;
        private final Checkpoint ck;
        private final GrokGate gate;
        private final PlateauWindow window;
        private final GrokListener listener;
        private final List<String> commandLine;
        private final Created created;
        private final int runs;
        private final GrokConfig shape;
        private final List<List<EvalRow>> rows = new ArrayList<>();
        private final boolean[] finished;
        private double monitorSeconds;

        Trainer(Batch batch, ParameterLayout layout, Checkpoint ck, GrokGate gate, PlateauWindow window,
                GrokListener listener, List<String> commandLine, Created created) {
            this.batch = batch;
            this.layout = layout;
            this.ck = ck;
            this.gate = gate;
            this.window = window;
            this.listener = listener;
            this.commandLine = commandLine;
            this.created = created;
            this.runs = batch.size();
            this.shape = batch.members().get(0).config();
            this.finished = new boolean[runs];
        }

        List<GrokSummary> run() {
            long t0 = System.nanoTime();
            Provenance prov = Provenance.capture(commandLine, shape.seed());
            Engine engine = TorchRuntime.start(shape.threads());
            created.mark(batch.checkpoint().getParent());
            for (Member m : batch.members()) {
                created.mark(m.dir());
                Path cfgFile = m.dir().resolve(CONFIG);
                if (!Files.exists(cfgFile)) {
                    created.mark(cfgFile);
                    Json.write(cfgFile, configNode(m.config(), prov, runs));
                }
                created.mark(m.dir().resolve(METRICS));
                created.mark(m.dir().resolve(SUMMARY));
            }
            created.mark(batch.checkpoint());
            List<ModularSum> data = new ArrayList<>();
            List<SplittableRandom> init = new ArrayList<>();
            long[] batchSeeds = new long[runs];
            double[] lr = new double[runs], wd = new double[runs], scale = new double[runs];
            for (int s = 0; s < runs; s++) {
                GrokConfig c = batch.members().get(s).config();
                ModularSum.Streams st = ModularSum.Streams.of(c.seed());
                data.add(ModularSum.of(c.task(), c.monitor().probeSize(), st));
                init.add(st.init());
                batchSeeds[s] = st.batchSeed();
                lr[s] = c.optimiser().lr();
                wd[s] = c.optimiser().weightDecay();
                scale[s] = c.model().initScale();
                rows.add(new ArrayList<>());
            }
            GrokConfig.Optimiser o = shape.optimiser();
            try (NDManager base = engine.newBaseManager()) {
                BatchedTransformer model = new BatchedTransformer(shape, runs, base);
                FlatAdamW opt = new FlatAdamW(base, layout.perRun(), lr, wd, o.beta1(), o.beta2(), o.eps());
                NDArray params;
                int step = 0;
                if (ck != null) {
                    params = base.create(ck.params(), new Shape(layout.total()));
                    opt.restore(ck.m(), ck.v(), ck.adamSteps());
                    step = ck.step();
                    int heads = shape.model().layers() * shape.model().heads();
                    for (int s = 0; s < runs; s++) {
                        finished[s] = ck.runs().get(s).finished();
                        for (double[] r : ck.runs().get(s).rows()) rows.get(s).add(EvalRow.fromValues(r, heads));
                    }
                } else {
                    params = base.create(model.initialParameters(init, scale), new Shape(layout.total()));
                }
                params.setRequiresGradient(true);
                int nTrain = shape.task().trainSize(), nVal = shape.task().valSize();
                int probe = data.get(0).probe().length, len = shape.task().sequenceLength();
                NDArray trainX = tokens(base, model, data, ModularSum::train, nTrain, len);
                NDArray trainY = answers(base, data, ModularSum::train, nTrain);
                NDArray valX = tokens(base, model, data, ModularSum::val, nVal, len);
                NDArray valY = answers(base, data, ModularSum::val, nVal);
                NDArray probeX = tokens(base, model, data, ModularSum::probe, probe, len);
                int[][] trainAns = new int[runs][], valAns = new int[runs][];
                for (int s = 0; s < runs; s++) {
                    trainAns[s] = data.get(s).answers(data.get(s).train());
                    valAns[s] = data.get(s).answers(data.get(s).val());
                }
                int b = shape.effectiveBatch(), stepsPerEpoch = Math.max(1, nTrain / b);
                int[][] perm = new int[runs][];
                int permEpoch = -1;
                if (rows.get(0).isEmpty()) evaluate(model, params, 0, trainX, trainY, trainAns, valX, valY, valAns, probeX);
                updateFinished(step);
                while (!allFinished()) {
                    try (NDManager sc = base.newSubManager()) {
                        NDArray xb, yb;
                        if (b == nTrain) {
                            xb = view(trainX, sc);
                            yb = view(trainY, sc);
                        } else {
                            int epoch = step / stepsPerEpoch;
                            if (epoch != permEpoch) {
                                for (int s = 0; s < runs; s++) {
                                    perm[s] = ModularSum.permutation(nTrain, new SplittableRandom(batchSeeds[s] ^ (0x9E3779B97F4A7C15L * (epoch + 1))));
                                }
                                permEpoch = epoch;
                            }
                            long[] idx = new long[runs * b];
                            int from = (step % stepsPerEpoch) * b;
                            for (int s = 0; s < runs; s++) for (int i = 0; i < b; i++) idx[s * b + i] = (long) s * nTrain + perm[s][from + i];
                            NDArray ix = sc.create(idx);
                            xb = trainX.reshape((long) runs * nTrain, len).get(ix).reshape(runs, b, len);
                            xb.attach(sc);
                            yb = trainY.reshape((long) runs * nTrain, 1).get(ix).reshape(runs, b, 1);
                            yb.attach(sc);
                        }
                        float[] losses;
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray perRun = crossEntropy(model.forward(params, xb), yb);   // [S]
                            gc.backward(perRun.sum());
                            losses = perRun.toFloatArray();
                        }
                        checkFinite(losses, step);
                        double warm = shape.schedule().warmupSteps() > 0 ? Math.min(1.0, (step + 1.0) / shape.schedule().warmupSteps()) : 1.0;
                        boolean[] active = new boolean[runs];
                        for (int s = 0; s < runs; s++) active[s] = !finished[s];
                        opt.step(params, params.getGradient(), warm, active, sc);
                        JniUtils.zeroGrad((PtNDArray) params);
                    }
                    step++;
                    boolean evalNow = step % shape.monitor().evalEvery() == 0 || step >= shape.schedule().maxSteps();
                    if (evalNow) evaluate(model, params, step, trainX, trainY, trainAns, valX, valY, valAns, probeX);
                    boolean[] before = finished.clone();
                    updateFinished(step);
                    boolean newlyFinished = !java.util.Arrays.equals(before, finished);
                    int every = shape.monitor().checkpointEvery();
                    if (allFinished() || newlyFinished || (every > 0 && step % every == 0)) {
                        float[] host = params.toFloatArray();
                        requireFinite(host, step);
                        checkpoint(step, host, opt).write(batch.checkpoint());
                        for (int s = 0; s < runs; s++) {
                            Member m = batch.members().get(s);
                            if (!before[s]) GrokRun.writeMetrics(m.dir().resolve(METRICS), m.config(), rows.get(s));
                        }
                        double wall = (System.nanoTime() - t0) * 1e-9;
                        for (int s = 0; s < runs; s++) {
                            if (finished[s] && !before[s]) writeSummary(s, prov, wall);
                        }
                    }
                }
                double wall = (System.nanoTime() - t0) * 1e-9;
                List<GrokSummary> out = new ArrayList<>();
                for (int s = 0; s < runs; s++) {
                    Path f = batch.members().get(s).dir().resolve(SUMMARY);
                    out.add(Files.exists(f) ? GrokRun.readSummary(f) : writeSummary(s, prov, wall));
                }
                return out;
            }
        }

        private GrokSummary writeSummary(int s, Provenance prov, double wall) {
            Member m = batch.members().get(s);
            GrokSummary summary = GrokSummary.of(m.config(), rows.get(s), gate, window, runs, wall, monitorSeconds);
            Json.write(m.dir().resolve(SUMMARY), Json.withProvenance(summary, prov));
            return summary;
        }

        private boolean allFinished() {
            for (boolean f : finished) if (!f) return false;
            return true;
        }

        /** A run stops at its budget or {@code stopAfterGrok} steps after first reaching 0.99 (at an evaluation). */
        private void updateFinished(int step) {
            for (int s = 0; s < runs; s++) {
                if (finished[s]) continue;
                GrokConfig.Schedule sch = batch.members().get(s).config().schedule();
                List<EvalRow> r = rows.get(s);
                boolean evaluatedNow = !r.isEmpty() && r.get(r.size() - 1).step() == step;
                if (step >= sch.maxSteps()) {
                    finished[s] = true;
                } else if (sch.stopAfterGrok() >= 0 && evaluatedNow) {
                    for (EvalRow e : r) {
                        if (e.valAcc() >= EARLY_STOP_ACCURACY) {
                            finished[s] = step >= e.step() + sch.stopAfterGrok();
                            break;
                        }
                    }
                }
            }
        }

        private void checkFinite(float[] losses, int step) {
            for (int s = 0; s < runs; s++) {
                if (!finished[s] && !Float.isFinite(losses[s])) {
                    GrokConfig c = batch.members().get(s).config();
                    throw new InvalidInputException(String.format(Locale.ROOT, "training diverged: run p=%d seed=%d has a "
                            + "non-finite loss (%s) at step %d; lower the learning rate (lr = %s)", c.p(), c.seed(),
                            losses[s], step, c.optimiser().lr()));
                }
            }
        }

        private void requireFinite(float[] host, int step) {
            for (int s = 0; s < runs; s++) {
                if (finished[s] && step > 0) continue;
                for (long i = s * layout.perRun(); i < (s + 1) * layout.perRun(); i++) {
                    if (!Float.isFinite(host[(int) i])) {
                        GrokConfig c = batch.members().get(s).config();
                        throw new InvalidInputException(String.format(Locale.ROOT, "training diverged: run p=%d seed=%d has "
                                + "non-finite weights at step %d; lower the learning rate (lr = %s)", c.p(), c.seed(), step,
                                c.optimiser().lr()));
                    }
                }
            }
        }

        private Checkpoint checkpoint(int step, float[] host, FlatAdamW opt) {
            List<Checkpoint.RunState> states = new ArrayList<>();
            for (int s = 0; s < runs; s++) {
                List<double[]> r = new ArrayList<>();
                for (EvalRow e : rows.get(s)) r.add(e.values());
                states.add(new Checkpoint.RunState(finished[s], r));
            }
            return new Checkpoint(metadata(batch), step, opt.stepCount(), layout, host,
                    opt.firstMoments().toFloatArray(), opt.secondMoments().toFloatArray(), states);
        }

        /** Losses, accuracies and the monitor of every unfinished run at {@code step}. */
        private void evaluate(BatchedTransformer model, NDArray params, int step, NDArray trainX, NDArray trainY,
                              int[][] trainAns, NDArray valX, NDArray valY, int[][] valAns, NDArray probeX) {
            try (NDManager sc = params.getManager().newSubManager()) {
                double[][] tr = lossAcc(model, params, trainX, trainY, trainAns, sc);
                double[][] va = lossAcc(model, params, valX, valY, valAns, sc);
                long m0 = System.nanoTime();
                BatchedTransformer.Capture cap = model.capture(params, view(probeX, sc));
                float[] host = params.toFloatArray();
                GrokConfig.Model ms = shape.model();
                int nh = ms.layers() * ms.heads();
                for (int s = 0; s < runs; s++) {
                    if (finished[s]) continue;
                    GrokConfig c = batch.members().get(s).config();
                    ThermoMonitor.HeadThermo[][] th = ThermoMonitor.measure(c, cap, s, layout, host);
                    double[][] blocks = new double[EvalRow.HEAD_BLOCKS.length][nh];
                    for (int l = 0; l < ms.layers(); l++) {
                        for (int h = 0; h < ms.heads(); h++) {
                            ThermoMonitor.HeadThermo t = th[l][h];
                            int i = l * ms.heads() + h;
                            double[] v = {t.cvAnswer(), t.cvMean(), t.cvProxy(), t.u(), t.s(), t.f(), t.nEff(), t.tEff()};
                            for (int k = 0; k < v.length; k++) blocks[k][i] = v[k];
                        }
                    }
                    double norm2 = 0;
                    for (long i = s * layout.perRun(); i < (s + 1) * layout.perRun(); i++) norm2 += (double) host[(int) i] * host[(int) i];
                    double epoch = (double) step * c.effectiveBatch() / c.task().trainSize();
                    EvalRow row = new EvalRow(step, epoch, tr[s][0], tr[s][1], va[s][0], va[s][1], mean(blocks[0]),
                            mean(blocks[1]), mean(blocks[2]), mean(blocks[3]), mean(blocks[4]), mean(blocks[5]),
                            mean(blocks[6]), mean(blocks[7]), Math.sqrt(norm2), blocks[0], blocks[1], blocks[2],
                            blocks[3], blocks[4], blocks[5], blocks[6], blocks[7]);
                    rows.get(s).add(row);
                    if (listener != null) listener.onEval(c, row);
                }
                monitorSeconds += (System.nanoTime() - m0) * 1e-9;
            }
        }

        /** Per run {mean loss, accuracy} over all of x [S, n, len], in chunks of {@value #EVAL_CHUNK} examples. */
        private double[][] lossAcc(BatchedTransformer model, NDArray params, NDArray x, NDArray y, int[][] answers,
                                   NDManager sc) {
            int n = answers[0].length;
            double[] lossSum = new double[runs];
            int[] ok = new int[runs];
            for (int from = 0; from < n; from += EVAL_CHUNK) {
                int to = Math.min(n, from + EVAL_CHUNK);
                try (NDManager chunk = sc.newSubManager()) {
                    NDArray xc = x.get(":, " + from + ":" + to + ", :"), yc = y.get(":, " + from + ":" + to + ", :");
                    xc.attach(chunk);
                    yc.attach(chunk);
                    NDArray logits = model.forward(params, xc);
                    float[] ce = crossEntropy(logits, yc).toFloatArray();
                    long[] pred = logits.argMax(-1).toLongArray();
                    for (int s = 0; s < runs; s++) {
                        lossSum[s] += (double) ce[s] * (to - from);
                        for (int i = from; i < to; i++) if (pred[s * (to - from) + i - from] == answers[s][i]) ok[s]++;
                    }
                }
            }
            double[][] out = new double[runs][];
            for (int s = 0; s < runs; s++) out[s] = new double[] {lossSum[s] / n, (double) ok[s] / n};
            return out;
        }
    }

    /** Mean cross-entropy per run, −mean log softmax(logits)[answer], for logits [S, B, p] and answers [S, B, 1]. */
    static NDArray crossEntropy(NDArray logits, NDArray answers) {
        return logits.logSoftmax(-1).gather(answers, 2).squeeze(2).mean(new int[] {1}).neg();
    }

    private static NDArray view(NDArray a, NDManager sc) {
        NDArray v = a.get(":");
        v.attach(sc);
        return v;
    }

    private static NDArray tokens(NDManager base, BatchedTransformer model, List<ModularSum> data,
                                  java.util.function.Function<ModularSum, int[]> which, int n, int len) {
        long[] all = new long[data.size() * n * len];
        for (int s = 0; s < data.size(); s++) {
            long[] t = data.get(s).tokenIds(which.apply(data.get(s)), model.embeddingRowOffset(s));
            System.arraycopy(t, 0, all, s * n * len, t.length);
        }
        return base.create(all, new Shape(data.size(), n, len));
    }

    private static NDArray answers(NDManager base, List<ModularSum> data, java.util.function.Function<ModularSum, int[]> which, int n) {
        long[] all = new long[data.size() * n];
        for (int s = 0; s < data.size(); s++) {
            int[] a = data.get(s).answers(which.apply(data.get(s)));
            for (int i = 0; i < n; i++) all[s * n + i] = a[i];
        }
        return base.create(all, new Shape(data.size(), n, 1));
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    /** The batch's identity in its checkpoint: the runs' configurations as a JSON array. */
    static String metadata(Batch batch) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (Member m : batch.members()) a.add(Json.toObject(m.config()));
        return a.toString();
    }

    /**
     * Validates the directories and the checkpoint before anything is written: a directory holding another run's
     * config is refused; an existing run is continued only with {@code resume}; a checkpoint must be readable,
     * belong to this batch and fit its layout. Returns the checkpoint to resume from (null: start afresh).
     */
    static Checkpoint prepare(Batch batch, boolean resume, ParameterLayout layout, int rowLength) {
        Path ckFile = batch.checkpoint();
        boolean anyConfig = false;
        for (Member m : batch.members()) {
            Path dir = m.dir();
            if (Files.exists(dir) && !Files.isDirectory(dir)) throw new InvalidInputException("output " + dir + " exists and is not a directory");
            Path config = dir.resolve(CONFIG);
            if (Files.exists(config)) {
                anyConfig = true;
                JsonNode existing;
                try {
                    existing = Json.mapper().readTree(config.toFile());
                } catch (IOException e) {
                    throw new InvalidInputException(config + " is not readable JSON; refusing to overwrite it");
                }
                String diff = difference(stripDerived(existing), Json.toObject(m.config()), "");
                if (diff != null) throw new InvalidInputException(dir + " holds another run's config (" + diff + "); choose another --out");
                if (!resume && (Files.exists(ckFile) || Files.exists(dir.resolve(SUMMARY)))) {
                    throw new InvalidInputException(dir + " already holds this run; pass --resume to continue it, or choose another --out");
                }
            }
        }
        if (!Files.exists(ckFile)) return null;
        if (!anyConfig) throw new InvalidInputException(ckFile.getParent() + " holds a checkpoint without config.json; refusing to touch it");
        if (!resume) throw new InvalidInputException(ckFile.getParent() + " already holds a checkpoint; pass --resume to continue it, or choose another --out");
        Checkpoint ck = Checkpoint.read(ckFile);
        JsonNode meta;
        try {
            meta = Json.mapper().readTree(ck.metadataJson());
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + ckFile + " is corrupt: bad metadata");
        }
        String diff = difference(meta, Json.mapper().valueToTree(batch.members().stream().map(m -> Json.toObject(m.config())).toList()), "runs");
        if (diff != null) throw new InvalidInputException("checkpoint " + ckFile + " belongs to another batch (" + diff + ")");
        ck.validate(ckFile, layout, batch.members().get(0).config().schedule().maxSteps(), rowLength);
        return ck;
    }

    /** config.json without the fields derived from the configuration. */
    static ObjectNode stripDerived(JsonNode n) {
        ObjectNode o = n.deepCopy();
        o.remove(List.of("provenance", "derived"));
        return o;
    }

    /** {@code config.json}: the resolved configuration, derived sizes and provenance. */
    static ObjectNode configNode(GrokConfig cfg, Provenance prov, int batchRuns) {
        ObjectNode n = Json.toObject(cfg);
        ObjectNode d = n.putObject("derived");
        d.put("trainSize", cfg.task().trainSize());
        d.put("valSize", cfg.task().valSize());
        d.put("effectiveBatch", cfg.effectiveBatch());
        d.put("sequenceLength", cfg.task().sequenceLength());
        d.put("dk", cfg.dk());
        d.put("temperature", Math.sqrt(cfg.dk()));
        d.put("answerKeys", cfg.task().sequenceLength());
        d.put("cvBoundAnswer", io.thermoscope.ensemble.SpecificHeatBound.maximum(cfg.task().sequenceLength()));
        d.put("weightDecayTimeSteps", cfg.optimiser().decayTimeSteps());
        d.put("batchRuns", batchRuns);
        d.put("engine", "DJL " + Engine.getDjlVersion() + " / PyTorch (CPU, offline)");
        n.set("provenance", Json.toNode(prov));
        return n;
    }
}
