package io.thermoscope.train.lm;

import io.thermoscope.InvalidInputException;

import java.util.List;

/**
 * Byte n-gram language models, the baselines a decoder's validation bits per byte are judged against: the add-one
 * (Laplace) unigram, and the interpolated Kneser–Ney model of order n (Chen &amp; Goodman 1998, §3.5, one absolute
 * discount D_k = n₁/(n₁ + 2n₂) per order from the count-of-counts). The highest order used by a prediction reads raw
 * counts, every lower order the continuation counts N₁₊(• g) (how many distinct bytes precede g), and order 0 is
 * uniform over the 256 bytes, so every byte has positive probability:
 * P_k(w | h) = max(c_k(hw) − D_k, 0)/c_k(h•) + D_k·N₁₊(h•)/c_k(h•)·P_{k−1}(w | h'), or P_{k−1}(w | h') when c_k(h•) = 0.
 * Counted on the training documents (n-grams never cross a document boundary).
 */
public final class ByteNGram {
    /** Largest order supported (a k-gram is packed into a long with a length bit). */
    public static final int MAX_ORDER = 7;

    private final int order;
    private final long[] unigram = new long[256];
    private long unigramTotal;
    /** raw[k] / cont[k]: counts of k-grams; rawCtx/contCtx[k]: per (k−1)-byte history, total and distinct followers. */
    private final LongCounts[] raw, cont, rawTotal, rawDistinct, contTotal, contDistinct;
    private final double[] rawD, contD;

    /** Counts every n-gram up to {@code order} (1 … 7) of {@code train}; every lower order is then available too. */
    public ByteNGram(List<ByteCorpus.Doc> train, int order) {
        if (order < 1 || order > MAX_ORDER) throw new InvalidInputException("n-gram order must lie in [1, " + MAX_ORDER + "], got " + order);
        this.order = order;
        long bytes = ByteCorpus.bytes(train);
        raw = new LongCounts[order + 1];
        cont = new LongCounts[order + 1];
        rawTotal = new LongCounts[order + 1];
        rawDistinct = new LongCounts[order + 1];
        contTotal = new LongCounts[order + 1];
        contDistinct = new LongCounts[order + 1];
        rawD = new double[order + 1];
        contD = new double[order + 1];
        for (int k = 1; k <= order; k++) raw[k] = new LongCounts((int) Math.min(bytes, 1 << 22));
        for (ByteCorpus.Doc d : train) {
            byte[] b = d.bytes();
            for (int i = 0; i < b.length; i++) {
                unigram[b[i] & 0xFF]++;
                unigramTotal++;
                long key = 0;
                for (int k = 1; k <= order && i - k + 1 >= 0; k++) {
                    key = pack(key, b[i - k + 1], k); // the k-gram ending at i, built right to left
                    raw[k].add(key, 1);
                }
            }
        }
        for (int k = 1; k < order; k++) {
            LongCounts c = new LongCounts(raw[k].size());
            int kk = k;
            raw[k + 1].forEach((key, n) -> c.add(dropFirst(key, kk + 1), 1)); // N₁₊(• g): distinct left extensions
            cont[k] = c;
        }
        for (int k = 1; k <= order; k++) {
            rawTotal[k] = new LongCounts(raw[k].size() / 4 + 16);
            rawDistinct[k] = new LongCounts(raw[k].size() / 4 + 16);
            rawD[k] = aggregate(raw[k], k, rawTotal[k], rawDistinct[k]);
            if (k < order) {
                contTotal[k] = new LongCounts(cont[k].size() / 4 + 16);
                contDistinct[k] = new LongCounts(cont[k].size() / 4 + 16);
                contD[k] = aggregate(cont[k], k, contTotal[k], contDistinct[k]);
            }
        }
    }

    /** The model's order n. */
    public int order() {
        return order;
    }

    /** Per history: total count and distinct followers; returns the discount n₁/(n₁ + 2n₂). */
    private static double aggregate(LongCounts counts, int k, LongCounts total, LongCounts distinct) {
        long[] n12 = new long[3];
        counts.forEach((key, c) -> {
            long h = history(key, k);
            total.add(h, c);
            distinct.add(h, 1);
            if (c <= 2) n12[c]++;
        });
        double d = n12[1] + 2.0 * n12[2] > 0 ? n12[1] / (n12[1] + 2.0 * n12[2]) : 0.5;
        return Math.min(Math.max(d, 0.05), 0.95);
    }

    /**
     * The Kneser–Ney probability of byte {@code w} under the model of order {@code n} ≤ {@link #order()} after the
     * history {@code ctx[from … to−1]} (its last n − 1 bytes are used; fewer at the start of a window).
     */
    public double probability(long[] ctx, int from, int to, int w, int n) {
        if (n < 1 || n > order) throw new InvalidInputException("order " + n + " is not counted (1 … " + order + ")");
        int m = Math.min(n - 1, to - from); // history length used
        return level(ctx, to, m + 1, w, true);
    }

    /** P_k(w | the k − 1 bytes before {@code to}); {@code top} selects raw counts, otherwise continuation counts. */
    private double level(long[] ctx, int to, int k, int w, boolean top) {
        double lower = k == 1 ? 1.0 / 256 : level(ctx, to, k - 1, w, false);
        long h = historyKey(ctx, to, k - 1);
        long g = (1L << (8 * k)) | ((h & ((1L << (8 * (k - 1))) - 1)) << 8) | w; // the k-gram h·w
        LongCounts counts = top ? raw[k] : cont[k];
        double c = counts.get(g);
        double total = (top ? rawTotal[k] : contTotal[k]).get(h);
        double distinct = (top ? rawDistinct[k] : contDistinct[k]).get(h);
        if (total <= 0) return lower;
        double d = top ? rawD[k] : contD[k];
        return Math.max(c - d, 0) / total + d * distinct / total * lower; // interpolated KN (Chen & Goodman §3.5)
    }

    /** The add-one unigram probability (c(w) + 1)/(N + 256). */
    public double unigram(int w) {
        return (unigram[w] + 1.0) / (unigramTotal + 256.0); // Laplace smoothing
    }

    /**
     * Bits per byte of each validation window (flat [windows × (context + 1)]; byte j + 1 is predicted from bytes
     * 0 … j of its window, exactly the decoder's task) under the Kneser–Ney model of order {@code n}, or the add-one
     * unigram when {@code n} is 0.
     */
    public double[] windowBits(long[] windows, int context, int n) {
        int len = context + 1;
        double[] out = new double[windows.length / len];
        for (int w = 0; w < out.length; w++) {
            int base = w * len;
            double nats = 0;
            for (int j = 0; j < context; j++) {
                int target = (int) windows[base + j + 1];
                nats -= Math.log(n == 0 ? unigram(target) : probability(windows, base, base + j + 1, target, n));
            }
            out[w] = nats / context / Math.log(2);
        }
        return out;
    }

    /** Mean of {@link #windowBits} over the windows. */
    public double bitsPerByte(long[] windows, int context, int n) {
        double s = 0;
        double[] b = windowBits(windows, context, n);
        for (double x : b) s += x;
        return s / b.length;
    }

    // --- packing: a k-gram b_1 … b_k is (1 << 8k) | b_1 … b_k (b_k in the low byte); the history drops b_k ---

    private static final long HISTORY_EMPTY = 1L;

    /** Prepends byte {@code b} to the (k−1)-gram {@code key} (0 for the empty one). */
    private static long pack(long key, byte b, int k) {
        long body = key == 0 ? 0 : key & ((1L << (8 * (k - 1))) - 1);
        return (1L << (8 * k)) | ((long) (b & 0xFF) << (8 * (k - 1))) | body;
    }

    /** The history (first k − 1 bytes) of k-gram {@code key}, as a key of length k − 1. */
    private static long history(long key, int k) {
        long body = (key & ((1L << (8 * k)) - 1)) >>> 8;
        return (1L << (8 * (k - 1))) | body;
    }

    /** The k-gram key without its first byte (a (k−1)-gram). */
    private static long dropFirst(long key, int k) {
        long body = key & ((1L << (8 * (k - 1))) - 1);
        return (1L << (8 * (k - 1))) | body;
    }

    /** The key of the m bytes before {@code to} in {@code ctx} ({@value #HISTORY_EMPTY} when m = 0). */
    private static long historyKey(long[] ctx, int to, int m) {
        long body = 0;
        for (int i = to - m; i < to; i++) body = (body << 8) | (ctx[i] & 0xFF);
        return (1L << (8 * m)) | body;
    }
}
