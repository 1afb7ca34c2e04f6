package io.thermoscope.train;

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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One grokking run: trains the transformer of a {@link GrokConfig} on modular addition with AdamW, evaluates and
 * runs the thermodynamic monitor every {@code evalEvery} steps, checkpoints every {@code checkpointEvery} steps,
 * and writes {@code config.json}, {@code metrics.csv}, {@code summary.json} and {@code checkpoint.bin} into the
 * output directory. Deterministic for a given seed and thread count; a resumed run reproduces the uninterrupted one.
 */
public final class GrokRun {
    /** File names inside a run directory. */
    public static final String CONFIG = "config.json", METRICS = "metrics.csv", SUMMARY = "summary.json",
            CHECKPOINT = "checkpoint.bin";

    private GrokRun() {
    }

    /** Trains (or resumes) the run of {@code cfg} in {@code outDir}; {@code listener} may be null. */
    public static GrokSummary train(GrokConfig cfg, Path outDir, boolean resume, GrokListener listener) {
        return train(cfg, outDir, resume, listener, List.of("GrokRun.train"));
    }

    /** As {@link #train(GrokConfig, Path, boolean, GrokListener)}, recording {@code commandLine} in the provenance. */
    public static GrokSummary train(GrokConfig cfg, Path outDir, boolean resume, GrokListener listener,
                                    List<String> commandLine) {
        Checkpoint ck = prepare(cfg, outDir, resume);
        Path summaryFile = outDir.resolve(SUMMARY);
        if (ck != null && ck.finished() && Files.exists(summaryFile)) {
            return readSummary(summaryFile);
        }
        Provenance prov = Provenance.capture(commandLine, cfg.seed());
        if (!Files.exists(outDir.resolve(CONFIG))) {
            Json.write(outDir.resolve(CONFIG), configNode(cfg, prov));
        }
        long t0 = System.nanoTime();
        Engine engine = TorchRuntime.start(cfg.threads());
        engine.setRandomSeed((int) cfg.seed());
        ModularAddition data = ModularAddition.of(cfg);
        SplittableRandom root = new SplittableRandom(cfg.seed());
        root.split(); // the split stream (ModularAddition)
        root.split(); // the probe stream (ModularAddition)
        SplittableRandom init = root.split();
        long batchSeed = root.nextLong();
        List<EvalRow> rows = new ArrayList<>();
        double monitorNanos = 0; // all evaluation time (losses, accuracies and monitor)
        long[] monitorClock = {0}; // the thermodynamic monitor alone (probe forward, ensembles, T_eff)
        try (NDManager base = engine.newBaseManager()) {
            Transformer model = new Transformer(cfg, base, init);
            AdamW opt = new AdamW(model.parameters(), base, cfg.beta1(), cfg.beta2(), cfg.eps(), cfg.weightDecay());
            int step = 0;
            if (ck != null) {
                restore(ck, model, opt);
                step = ck.step();
                for (double[] r : ck.rows()) rows.add(EvalRow.fromValues(r, cfg.layers() * cfg.heads()));
            }
            int nTrain = data.train().length;
            NDArray trainX = base.create(data.tokenIds(data.train()), new Shape(nTrain, ModularAddition.SEQ));
            NDArray trainY = base.create(data.answerIds(data.train()), new Shape(nTrain, 1));
            NDArray valX = base.create(data.tokenIds(data.val()), new Shape(data.val().length, ModularAddition.SEQ));
            NDArray valY = base.create(data.answerIds(data.val()), new Shape(data.val().length, 1));
            NDArray probeX = base.create(data.tokenIds(data.probe()), new Shape(data.probe().length, ModularAddition.SEQ));
            int[] trainAns = data.answers(data.train()), valAns = data.answers(data.val());
            int batch = cfg.effectiveBatch();
            int stepsPerEpoch = Math.max(1, nTrain / batch);
            int[] perm = null;
            int permEpoch = -1;
            if (rows.isEmpty()) {
                long m0 = System.nanoTime();
                rows.add(evaluate(model, cfg, 0, trainX, trainY, trainAns, valX, valY, valAns, probeX, data.probe().length, monitorClock));
                monitorNanos += System.nanoTime() - m0;
                if (listener != null) listener.onEval(cfg, rows.get(rows.size() - 1));
            }
            boolean done = stopNow(cfg, rows, step);
            while (!done) {
                try (NDManager sc = base.newSubManager()) {
                    NDArray xb, yb;
                    if (batch == nTrain) {
                        xb = view(trainX, sc);
                        yb = view(trainY, sc);
                    } else {
                        int epoch = step / stepsPerEpoch;
                        if (epoch != permEpoch) {
                            perm = ModularAddition.permutation(nTrain, new SplittableRandom(batchSeed ^ (0x9E3779B97F4A7C15L * (epoch + 1))));
                            permEpoch = epoch;
                        }
                        int[] idx = new int[batch];
                        System.arraycopy(perm, (step % stepsPerEpoch) * batch, idx, 0, batch);
                        NDArray ix = sc.create(idx);
                        xb = trainX.get(ix);
                        xb.attach(sc);
                        yb = trainY.get(ix);
                        yb.attach(sc);
                    }
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray logits = model.forward(xb, null);
                        gc.backward(crossEntropy(logits, yb));
                    }
                    double lr = cfg.warmupSteps() > 0 ? cfg.lr() * Math.min(1.0, (step + 1.0) / cfg.warmupSteps()) : cfg.lr();
                    opt.step(model.parameters(), lr, sc);
                    for (NDArray p : model.parameters().values()) JniUtils.zeroGrad((PtNDArray) p);
                }
                step++;
                boolean last = step >= cfg.maxSteps();
                if (step % cfg.evalEvery() == 0 || last) {
                    long m0 = System.nanoTime();
                    rows.add(evaluate(model, cfg, step, trainX, trainY, trainAns, valX, valY, valAns, probeX, data.probe().length, monitorClock));
                    monitorNanos += System.nanoTime() - m0;
                    if (listener != null) listener.onEval(cfg, rows.get(rows.size() - 1));
                }
                done = last || stopNow(cfg, rows, step);
                if (done || (cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0)) {
                    snapshot(cfg, model, opt, step, rows, done, monitorNanos * 1e-9).write(outDir.resolve(CHECKPOINT));
                    writeMetrics(outDir.resolve(METRICS), cfg, rows);
                }
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        GrokSummary summary = GrokAnalysis.summarise(cfg, rows, wall, monitorNanos * 1e-9, monitorClock[0] * 1e-9);
        Json.write(summaryFile, Json.withProvenance(summary, prov));
        return summary;
    }

    /** Whether training stops at {@code step}: early stop {@code stopAfterGrok} steps after reaching 0.99. */
    private static boolean stopNow(GrokConfig cfg, List<EvalRow> rows, int step) {
        if (step >= cfg.maxSteps()) return true;
        if (cfg.stopAfterGrok() < 0) return false;
        Integer g = GrokAnalysis.firstStep(rows, GrokAnalysis.GROKKED_ACCURACY);
        return g != null && step >= g + cfg.stopAfterGrok() && rows.get(rows.size() - 1).step() == step;
    }

    private static NDArray view(NDArray a, NDManager sc) {
        NDArray v = a.get(":");
        v.attach(sc);
        return v;
    }

    /** Mean cross-entropy −log softmax(logits)[answer] over the batch; {@code answers} is int64 [B × 1]. */
    private static NDArray crossEntropy(NDArray logits, NDArray answers) {
        return logits.logSoftmax(-1).gather(answers, 1).mean().neg();
    }

    /** Loss, accuracy and the monitor at {@code step}. */
    private static EvalRow evaluate(Transformer model, GrokConfig cfg, int step, NDArray trainX, NDArray trainY,
                                    int[] trainAns, NDArray valX, NDArray valY, int[] valAns, NDArray probeX,
                                    int probeSize, long[] monitorClock) {
        try (NDManager sc = trainX.getManager().newSubManager()) {
            double[] tr = lossAcc(model, view(trainX, sc), view(trainY, sc), trainAns);
            double[] va = lossAcc(model, view(valX, sc), view(valY, sc), valAns);
            long m0 = System.nanoTime();
            Transformer.Capture cap = new Transformer.Capture(new ArrayList<>(), new ArrayList<>());
            model.forward(view(probeX, sc), cap);
            ThermoMonitor.HeadThermo[][] th = ThermoMonitor.measure(model, cap, probeSize);
            monitorClock[0] += System.nanoTime() - m0;
            int nh = cfg.layers() * cfg.heads();
            double[][] blocks = new double[7][nh];
            for (int l = 0; l < cfg.layers(); l++) {
                for (int h = 0; h < cfg.heads(); h++) {
                    ThermoMonitor.HeadThermo t = th[l][h];
                    int i = l * cfg.heads() + h;
                    blocks[0][i] = t.cv();
                    blocks[1][i] = t.cvProxy();
                    blocks[2][i] = t.u();
                    blocks[3][i] = t.s();
                    blocks[4][i] = t.f();
                    blocks[5][i] = t.nEff();
                    blocks[6][i] = t.tEff();
                }
            }
            double norm2 = 0;
            for (NDArray p : model.parameters().values()) {
                for (float x : p.toFloatArray()) norm2 += (double) x * x;
            }
            double epoch = (double) step * cfg.effectiveBatch() / cfg.trainSize();
            return new EvalRow(step, epoch, tr[0], tr[1], va[0], va[1], mean(blocks[0]), mean(blocks[1]),
                    mean(blocks[2]), mean(blocks[3]), mean(blocks[4]), mean(blocks[5]), mean(blocks[6]),
                    Math.sqrt(norm2), blocks[0], blocks[1], blocks[2], blocks[3], blocks[4], blocks[5], blocks[6]);
        }
    }

    /** Mean loss and accuracy over all of x, in chunks of {@value #EVAL_CHUNK} examples (bounded memory at large p). */
    private static double[] lossAcc(Transformer model, NDArray x, NDArray y, int[] answers) {
        int n = answers.length, ok = 0;
        double lossSum = 0;
        for (int from = 0; from < n; from += EVAL_CHUNK) {
            int to = Math.min(n, from + EVAL_CHUNK);
            try (NDManager chunk = x.getManager().newSubManager()) {
                NDArray xc = x.get(from + ":" + to), yc = y.get(from + ":" + to);
                xc.attach(chunk);
                yc.attach(chunk);
                NDArray logits = model.forward(xc, null);
                lossSum += (double) crossEntropy(logits, yc).getFloat() * (to - from);
                long[] pred = logits.argMax(-1).toLongArray();
                for (int i = from; i < to; i++) if (pred[i - from] == answers[i]) ok++;
            }
        }
        return new double[] {lossSum / n, (double) ok / n};
    }

    private static final int EVAL_CHUNK = 8192;

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    private static Checkpoint snapshot(GrokConfig cfg, Transformer model, AdamW opt, int step, List<EvalRow> rows,
                                       boolean finished, double monitorSeconds) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> params = new LinkedHashMap<>(), m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
        for (var e : model.parameters().entrySet()) {
            shapes.put(e.getKey(), e.getValue().getShape().getShape());
            params.put(e.getKey(), e.getValue().toFloatArray());
            m.put(e.getKey(), opt.firstMoments().get(e.getKey()).toFloatArray());
            v.put(e.getKey(), opt.secondMoments().get(e.getKey()).toFloatArray());
        }
        List<double[]> r = new ArrayList<>();
        for (EvalRow row : rows) r.add(row.values());
        return new Checkpoint(cfg.toJson(), step, opt.stepCount(), shapes, params, m, v, r, finished, monitorSeconds);
    }

    private static void restore(Checkpoint ck, Transformer model, AdamW opt) {
        for (var e : model.parameters().entrySet()) {
            String name = e.getKey();
            float[] p = ck.params().get(name);
            if (p == null || p.length != e.getValue().size()) {
                throw new InvalidInputException("checkpoint does not match the model: parameter " + name);
            }
            e.getValue().set(p);
            opt.firstMoments().get(name).set(ck.m().get(name));
            opt.secondMoments().get(name).set(ck.v().get(name));
        }
        opt.setStepCount(ck.adamSteps());
    }

    /**
     * Validates the output directory before anything is written: a directory holding another run's config is
     * refused; an existing run is continued only with {@code resume}. Returns the checkpoint to resume from.
     */
    public static Checkpoint prepare(GrokConfig cfg, Path outDir, boolean resume) {
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
            String diff = difference(existing, cfg);
            if (diff != null) {
                throw new InvalidInputException(outDir + " holds another run's config (" + diff + "); choose another --out");
            }
            if (!resume && (Files.exists(ckFile) || Files.exists(outDir.resolve(SUMMARY)))) {
                throw new InvalidInputException(outDir + " already holds this run; pass --resume to continue it, or choose another --out");
            }
        } else if (Files.exists(ckFile)) {
            throw new InvalidInputException(outDir + " holds a checkpoint without config.json; refusing to touch it");
        }
        if (!resume || !Files.exists(ckFile)) return null;
        Checkpoint ck = Checkpoint.read(ckFile);
        JsonNode ckCfg;
        try {
            ckCfg = Json.mapper().readTree(ck.configJson());
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + ckFile + " is corrupt: bad configuration");
        }
        String diff = difference(ckCfg, cfg);
        if (diff != null) throw new InvalidInputException("checkpoint " + ckFile + " belongs to another run (" + diff + ")");
        return ck;
    }

    /** The first differing config field as "name: old vs new", or null when {@code node} describes {@code cfg}. */
    static String difference(JsonNode node, GrokConfig cfg) {
        ObjectNode want = Json.toObject(cfg);
        for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            JsonNode a = node.get(f), b = want.get(f);
            if (a == null || !sameValue(a, b)) {
                return f + ": " + (a == null ? "missing" : a.asText()) + " vs " + b.asText();
            }
        }
        return null;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.asDouble() == b.asDouble();
        return a.equals(b);
    }

    /** {@code config.json}: the resolved config plus derived sizes and provenance. */
    static ObjectNode configNode(GrokConfig cfg, Provenance prov) {
        ObjectNode n = Json.toObject(cfg);
        n.put("trainSize", cfg.trainSize());
        n.put("valSize", cfg.p() * cfg.p() - cfg.trainSize());
        n.put("effectiveBatch", cfg.effectiveBatch());
        n.put("dk", cfg.dk());
        n.put("temperature", Math.sqrt(cfg.dk()));
        n.put("engine", "DJL " + ai.djl.engine.Engine.getDjlVersion() + " / PyTorch (CPU, offline)");
        n.set("provenance", Json.toNode(prov));
        return n;
    }

    /** Writes metrics.csv: header, then one row per evaluation ({@code %.17g}, Locale.ROOT). */
    static void writeMetrics(Path file, GrokConfig cfg, List<EvalRow> rows) {
        StringBuilder sb = new StringBuilder(EvalRow.header(cfg.layers(), cfg.heads())).append('\n');
        for (EvalRow r : rows) {
            double[] v = r.values();
            for (int i = 0; i < v.length; i++) {
                if (i > 0) sb.append(',');
                if (i == 0) sb.append(r.step());
                else sb.append(String.format(Locale.ROOT, "%.17g", v[i]));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Reads a finished run's summary.json back. */
    public static GrokSummary readSummary(Path file) {
        try {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(file.toFile());
            n.remove("provenance");
            return Json.mapper().treeToValue(n, GrokSummary.class);
        } catch (IOException | ClassCastException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads the rows of a run's metrics.csv back (for analyses across runs). */
    public static List<EvalRow> readMetrics(Path file, int heads) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<EvalRow> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                double[] v = new double[f.length];
                for (int i = 0; i < f.length; i++) v[i] = Double.parseDouble(f[i]);
                rows.add(EvalRow.fromValues(v, heads));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("malformed " + file + ": " + e.getMessage());
        }
    }
}
