package io.thermoscope.train.lm;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.Document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Documents as UTF-8 byte sequences (the byte-level vocabulary: token = byte value), split by document into training
 * and validation sets, with the two ways a decoder reads them: random training windows and a fixed, ordered list of
 * validation windows. A window is {@code context + 1} consecutive bytes of one document (inputs = the first
 * {@code context}, targets = the last {@code context}); windows never cross a document boundary.
 *
 * @param name       where the documents came from ({@link Corpus#name()})
 * @param train      the training documents, in id order
 * @param validation the held-out documents, in id order
 * @param context    the window's input length
 * @param skipped    documents too short for one window, left out of both sets
 */
public record ByteCorpus(String name, List<Doc> train, List<Doc> validation, int context, int skipped) {

    /**
     * One document.
     *
     * @param id    its identifier
     * @param bytes its text as UTF-8
     */
    public record Doc(String id, byte[] bytes) {
    }

    /**
     * Splits {@code documents} by document: a seeded shuffle of the id-ordered list ({@link SplittableRandom} of the
     * split's seed), the first ⌈fraction·n⌉ usable documents held out. Documents shorter than {@code context + 1}
     * bytes are left out and counted. A corpus too small for the context (no window in the training or the validation
     * set) is refused with a one-line error.
     */
    public static ByteCorpus split(Corpus corpus, LmConfig.Split split, int context) {
        List<Document> documents = corpus.documents();
        List<Doc> usable = new ArrayList<>();
        int skipped = 0;
        for (Document t : documents) {
            byte[] b = t.text().getBytes(StandardCharsets.UTF_8);
            if (b.length >= context + 1) usable.add(new Doc(t.id(), b));
            else skipped++;
        }
        if (usable.size() < 2) {
            throw new InvalidInputException("the corpus is too small for context " + context + ": " + usable.size()
                    + " of " + documents.size() + " documents hold at least " + (context + 1)
                    + " bytes, and training plus validation need 2; use a shorter --context or more text");
        }
        usable.sort(Comparator.comparing(Doc::id));
        List<Doc> shuffled = new ArrayList<>(usable);
        SplittableRandom rng = new SplittableRandom(split.seed());
        for (int i = shuffled.size() - 1; i > 0; i--) Collections.swap(shuffled, i, rng.nextInt(i + 1));
        int nVal = Math.min(shuffled.size() - 1, Math.max(1, (int) Math.ceil(split.validationFraction() * shuffled.size())));
        List<Doc> val = new ArrayList<>(shuffled.subList(0, nVal)), train = new ArrayList<>(shuffled.subList(nVal, shuffled.size()));
        val.sort(Comparator.comparing(Doc::id));
        train.sort(Comparator.comparing(Doc::id));
        return new ByteCorpus(corpus.name(), List.copyOf(train), List.copyOf(val), context, skipped);
    }

    /** Total bytes of a document list. */
    public static long bytes(List<Doc> docs) {
        long n = 0;
        for (Doc d : docs) n += d.bytes().length;
        return n;
    }

    /** Start positions a document admits for a window: length − context. */
    private long starts(Doc d) {
        return d.bytes().length - context;
    }

    /**
     * {@code batch} training windows, flat [batch × (context + 1)], for step {@code step}: a pure function of
     * (seed, step) — each window's start is uniform over every admissible start in the training set — so a
     * resumed run draws exactly the batches of an uninterrupted one.
     */
    public long[] trainingBatch(long seed, long step, int batch) {
        long[] cumulative = new long[train.size() + 1];
        for (int i = 0; i < train.size(); i++) cumulative[i + 1] = cumulative[i] + starts(train.get(i));
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1)));
        long[] out = new long[batch * (context + 1)];
        for (int w = 0; w < batch; w++) {
            long r = rng.nextLong(cumulative[train.size()]);
            int doc = upperBound(cumulative, r) - 1;
            int start = (int) (r - cumulative[doc]);
            byte[] b = train.get(doc).bytes();
            for (int j = 0; j <= context; j++) out[w * (context + 1) + j] = b[start + j] & 0xFF;
        }
        return out;
    }

    /** Index of the first entry of the ascending {@code a} greater than {@code x}. */
    private static int upperBound(long[] a, long x) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * One validation window.
     *
     * @param doc   index of the document in {@link #validation()}
     * @param start offset of the window's first byte
     */
    public record Window(int doc, int start) {
    }

    /**
     * Up to {@code count} validation windows, non-overlapping, taken round-robin over the validation documents
     * (the first window of every document, then the second, …) so that a short list already spans every document.
     */
    public List<Window> validationWindows(int count) {
        List<Window> out = new ArrayList<>();
        for (int round = 0; out.size() < count; round++) {
            boolean any = false;
            for (int d = 0; d < validation.size() && out.size() < count; d++) {
                int start = round * context;
                if (start + context + 1 <= validation.get(d).bytes().length) {
                    out.add(new Window(d, start));
                    any = true;
                }
            }
            if (!any) break;
        }
        return out;
    }

    /** The model inputs of validation windows: each window's first {@code context} bytes (its last byte is only a target). */
    public List<long[]> windowInputs(List<Window> windows) {
        long[] bytes = windowBytes(windows);
        List<long[]> out = new ArrayList<>(windows.size());
        for (int w = 0; w < windows.size(); w++) out.add(Arrays.copyOfRange(bytes, w * (context + 1), w * (context + 1) + context));
        return out;
    }

    /** The bytes of validation windows, flat [windows × (context + 1)]. */
    public long[] windowBytes(List<Window> windows) {
        long[] out = new long[windows.size() * (context + 1)];
        for (int w = 0; w < windows.size(); w++) {
            byte[] b = validation.get(windows.get(w).doc()).bytes();
            int s = windows.get(w).start();
            for (int j = 0; j <= context; j++) out[w * (context + 1) + j] = b[s + j] & 0xFF;
        }
        return out;
    }
}
