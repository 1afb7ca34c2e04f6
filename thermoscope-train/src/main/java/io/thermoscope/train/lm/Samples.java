package io.thermoscope.train.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A few continuations of held-out text, for a reader to judge the decoder: the first {@value #PROMPT_BYTES} bytes of
 * the first {@value #COUNT} validation documents, continued by {@value #NEW_BYTES} bytes sampled at temperature
 * {@value #TEMPERATURE} (seeded), each next byte drawn from softmax(logits/τ) at the last position.
 *
 * @param temperature the sampling temperature τ
 * @param seed        the sampling seed
 * @param samples     the prompts and continuations
 */
public record Samples(double temperature, long seed, List<Sample> samples) {
    static final int COUNT = 4, PROMPT_BYTES = 48, NEW_BYTES = 160;
    static final double TEMPERATURE = 0.8;

    /**
     * One continuation.
     *
     * @param document     the validation document the prompt starts
     * @param prompt       the prompt
     * @param continuation the sampled bytes as text (invalid UTF-8 replaced)
     */
    public record Sample(String document, String prompt, String continuation) {
    }

    /** Samples continuations of the first validation documents with {@code model}. */
    static Samples generate(CausalLm model, ByteCorpus corpus, long seed) {
        int n = Math.min(COUNT, corpus.validation().size()), ctx = model.architecture().context();
        int prompt = Math.min(PROMPT_BYTES, ctx);
        long[][] seqs = new long[n][prompt + NEW_BYTES];
        for (int i = 0; i < n; i++) {
            byte[] b = corpus.validation().get(i).bytes();
            for (int j = 0; j < prompt; j++) seqs[i][j] = b[j] & 0xFF;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5A4D504C45L);
        NDManager base = model.parameters().get("W_E").getManager();
        for (int t = prompt; t < prompt + NEW_BYTES; t++) {
            int from = Math.max(0, t - ctx), len = t - from;
            long[] flat = new long[n * len];
            for (int i = 0; i < n; i++) System.arraycopy(seqs[i], from, flat, i * len, len);
            try (NDManager sc = base.newSubManager()) {
                NDArray logits = model.forward(sc.create(flat, new Shape(n, len))).get(":, -1, :");
                float[] l = logits.toFloatArray();
                for (int i = 0; i < n; i++) {
                    seqs[i][t] = draw(Arrays.copyOfRange(l, i * LmConfig.VOCAB, (i + 1) * LmConfig.VOCAB), TEMPERATURE, rng);
                }
            }
        }
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Sample(corpus.validation().get(i).id(), text(seqs[i], 0, prompt), text(seqs[i], prompt, seqs[i].length)));
        }
        return new Samples(TEMPERATURE, seed, List.copyOf(out));
    }

    /** A byte drawn from softmax(logits/τ) (log-sum-exp in double precision). */
    static int draw(float[] logits, double tau, SplittableRandom rng) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : logits) max = Math.max(max, x / tau);
        double[] p = new double[logits.length];
        double z = 0;
        for (int i = 0; i < p.length; i++) z += p[i] = Math.exp(logits[i] / tau - max);
        double u = rng.nextDouble() * z, acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) return i;
        }
        return p.length - 1;
    }

    private static String text(long[] ids, int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) b[i - from] = (byte) ids[i];
        return new String(b, StandardCharsets.UTF_8);
    }
}
