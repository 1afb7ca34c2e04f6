package io.thermoscope.bench.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.thermoscope.models.Atlas;
import io.thermoscope.models.AtlasOptions;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.DefaultCorpus;
import io.thermoscope.models.ModelSource;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-run harness for the atlas: tokens per second of {@code atlas} (edited model + per-head thermodynamics,
 * decay fit without bootstrap) against plain ONNX Runtime inference of the unedited model on the same token ids,
 * and the peak heap as the corpus grows (1×, 4×, 16× the corpus). Wall and process-CPU time both reported.
 * Usage: {@code java -cp thermoscope-cli/target/lib/'*':thermoscope-bench/target/benchmarks.jar
 * io.thermoscope.bench.models.ModelsThroughput [minilm|bge-small] [repeats] [long]}; {@code long} runs the two
 * committed passages cut to 512 tokens instead of the short default corpus (no memory sweep).
 */
public final class ModelsThroughput {
    private ModelsThroughput() {
    }

    /** Runs the harness and prints one line per measurement. */
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "minilm";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean longInputs = args.length > 2 && args[2].equals("long");
        ModelSource source = ModelSource.named(name);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // "long": the two committed passages, each cut to the model's 512 positions
        List<String> corpus = longInputs ? DefaultCorpus.passages() : DefaultCorpus.defaults();
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, model %s, corpus %d prompts%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), name, corpus.size());
        try (AttentionModel model = AttentionModel.load(source)) {
            List<long[]> ids = new ArrayList<>();
            long tokens = 0;
            for (String p : corpus) {
                long[] t = model.fit(p, true, null);
                ids.add(t);
                tokens += t.length;
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            AtlasOptions opts = AtlasOptions.defaults().withBootstrap(0).withTruncate(true);
            // thermodynamics only: a one-profile reservoir makes the distance-decay part negligible
            AtlasOptions thermo = opts.withMaxProfilesPerHead(1);
            try (OrtSession plain = env.createSession(source.readOnnx(), new OrtSession.SessionOptions())) {
                double bestPlain = Double.MAX_VALUE, bestPlainCpu = 0, bestAtlas = Double.MAX_VALUE, bestAtlasCpu = 0;
                double bestThermo = Double.MAX_VALUE, bestThermoCpu = 0;
                for (int r = 0; r < repeats + 1; r++) {
                    long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                    for (long[] t : ids) runPlain(env, plain, t);
                    double wall = (System.nanoTime() - t0) * 1e-9, cpu = (os.getProcessCpuTime() - c0) * 1e-9;
                    if (r > 0 && wall < bestPlain) {
                        bestPlain = wall;
                        bestPlainCpu = cpu;
                    }
                    c0 = os.getProcessCpuTime();
                    t0 = System.nanoTime();
                    Atlas.run(model, corpus, thermo, null);
                    wall = (System.nanoTime() - t0) * 1e-9;
                    cpu = (os.getProcessCpuTime() - c0) * 1e-9;
                    if (r > 0 && wall < bestThermo) {
                        bestThermo = wall;
                        bestThermoCpu = cpu;
                    }
                    c0 = os.getProcessCpuTime();
                    t0 = System.nanoTime();
                    Atlas.run(model, corpus, opts, null);
                    wall = (System.nanoTime() - t0) * 1e-9;
                    cpu = (os.getProcessCpuTime() - c0) * 1e-9;
                    if (r > 0 && wall < bestAtlas) {
                        bestAtlas = wall;
                        bestAtlasCpu = cpu;
                    }
                }
                System.out.printf(Locale.ROOT, "plain ORT : %8.1f tokens/s wall, %8.1f tokens/s CPU (best of %d, %d tokens)%n",
                        tokens / bestPlain, tokens / bestPlainCpu, repeats, tokens);
                System.out.printf(Locale.ROOT, "thermo    : %8.1f tokens/s wall, %8.1f tokens/s CPU (atlas, 1 profile/head)%n",
                        tokens / bestThermo, tokens / bestThermoCpu);
                System.out.printf(Locale.ROOT, "atlas     : %8.1f tokens/s wall, %8.1f tokens/s CPU (256 profiles/head + decay fit)%n",
                        tokens / bestAtlas, tokens / bestAtlasCpu);
                System.out.printf(Locale.ROOT, "overhead  : thermo %.2f× wall, %.2f× CPU; atlas %.2f× wall, %.2f× CPU (goal ≤ 1.5×)%n",
                        bestThermo / bestPlain, bestThermoCpu / bestPlainCpu, bestAtlas / bestPlain, bestAtlasCpu / bestPlainCpu);
            }
            for (int scale : longInputs ? new int[0] : new int[] {1, 4, 16}) {
                List<String> big = new ArrayList<>();
                for (int i = 0; i < scale; i++) big.addAll(DefaultCorpus.prompts(i, 8, 40));
                System.gc();
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
                long t0 = System.nanoTime();
                Atlas.run(model, big, opts, null);
                double wall = (System.nanoTime() - t0) * 1e-9;
                long peak = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
                }
                System.out.printf(Locale.ROOT, "corpus ×%-2d: %4d prompts, %6.1f s, peak heap %6.1f MiB%n", scale,
                        big.size(), wall, peak / 1048576.0);
            }
        }
    }

    private static void runPlain(OrtEnvironment env, OrtSession s, long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1);
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
