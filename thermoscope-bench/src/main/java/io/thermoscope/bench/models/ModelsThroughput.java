package io.thermoscope.bench.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.thermoscope.corpus.BrownCorpus;
import io.thermoscope.corpus.Document;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.ModelScan;
import io.thermoscope.models.ModelSource;

import java.lang.management.ManagementFactory;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-run harness for the atlas: per document, plain ONNX Runtime inference of the unedited model against the
 * atlas's pass (the edited model writing every layer's scores and probabilities into direct buffers, plus the
 * per-query Boltzmann statistics and distance-profile sums of every head: {@link ModelScan}), on the same token
 * ids, alternating inside one process; then the whole {@link Atlas#run} (pass + the per-head decay fits with 200
 * cluster-bootstrap resamples). Wall and process-CPU time both reported. Usage: {@code java -cp
 * thermoscope-cli/target/lib/'*':thermoscope-bench/target/benchmarks.jar io.thermoscope.bench.models.ModelsThroughput
 * [minilm|bge-small] [repeats] [brown|short] [documents]}: {@code brown} (default) reads Brown documents cut to 512
 * tokens, {@code short} the built-in prompts (~30 tokens).
 */
public final class ModelsThroughput {
    private ModelsThroughput() {
    }

    /** Runs the harness and prints one line per measurement. */
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "minilm";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean brown = args.length <= 2 || args[2].equals("brown");
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        ModelSource source = ModelSource.named(name);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Document> docs = brown ? BrownCorpus.load(System.err::println).sample(count, 0).documents()
                : DefaultCorpus.documents(DefaultCorpus.defaults());
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, model %s, %d %s documents%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), name, docs.size(), brown ? "Brown" : "short");
        try (AttentionModel model = AttentionModel.load(source)) {
            List<long[]> ids = new ArrayList<>();
            long tokens = 0;
            for (Document d : docs) {
                long[] t = model.tokenize(d.text());
                if (t.length > 512) {
                    t = Arrays.copyOf(t, 512);
                    t[511] = model.tokenize("")[1];
                }
                ids.add(t);
                tokens += t.length;
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            ModelScan.Options scanOptions = new ModelScan.Options(512, 3, null, true, true);
            try (OrtSession plain = env.createSession(source.readOnnx(), new OrtSession.SessionOptions())) {
                double[] bestPlain = {Double.MAX_VALUE, 0}, bestScan = {Double.MAX_VALUE, 0}, bestAtlas = {Double.MAX_VALUE, 0};
                for (int r = 0; r < repeats + 1; r++) {
                    long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                    for (long[] t : ids) runPlain(env, plain, t);
                    keep(r, bestPlain, t0, c0, os);
                    c0 = os.getProcessCpuTime();
                    t0 = System.nanoTime();
                    ModelScan.run(model, docs, scanOptions, null);
                    keep(r, bestScan, t0, c0, os);
                    c0 = os.getProcessCpuTime();
                    t0 = System.nanoTime();
                    Atlas.run(model, docs, AtlasOptions.defaults().withCutLong(true), null);
                    keep(r, bestAtlas, t0, c0, os);
                }
                System.out.printf(Locale.ROOT, "plain ORT : %8.1f tokens/s wall, %8.1f tokens/s CPU (best of %d, %d tokens)%n",
                        tokens / bestPlain[0], tokens / bestPlain[1], repeats, tokens);
                System.out.printf(Locale.ROOT, "atlas pass: %8.1f tokens/s wall, %8.1f tokens/s CPU (scores + probabilities, "
                        + "Boltzmann statistics and profile sums of every query)%n", tokens / bestScan[0], tokens / bestScan[1]);
                System.out.printf(Locale.ROOT, "atlas     : %8.1f tokens/s wall, %8.1f tokens/s CPU (pass + decay fits, 200 resamples)%n",
                        tokens / bestAtlas[0], tokens / bestAtlas[1]);
                System.out.printf(Locale.ROOT, "overhead  : pass %.2f× wall, %.2f× CPU; atlas %.2f× wall, %.2f× CPU (goal ≤ 1.5×)%n",
                        bestScan[0] / bestPlain[0], bestScan[1] / bestPlain[1], bestAtlas[0] / bestPlain[0],
                        bestAtlas[1] / bestPlain[1]);
            }
        }
    }

    /** Keeps the best (wall, CPU) seconds after the warm-up round 0. */
    private static void keep(int round, double[] best, long t0, long c0, com.sun.management.OperatingSystemMXBean os) {
        double wall = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - c0) * 1e-9;
        if (round > 0 && wall < best[0]) {
            best[0] = wall;
            best[1] = cpu;
        }
    }

    private static void runPlain(OrtEnvironment env, OrtSession s, long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape));
            if (s.getInputNames().contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result r = s.run(feed)) {
                float[] h = new float[((OnnxTensor) r.get(0)).getFloatBuffer().remaining()];
                ((OnnxTensor) r.get(0)).getFloatBuffer().get(h);
            }
        } finally {
            for (OnnxTensor t : feed.values()) t.close();
        }
    }
}
