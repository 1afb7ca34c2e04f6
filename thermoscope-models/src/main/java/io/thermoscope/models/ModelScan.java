package io.thermoscope.models;

import io.thermoscope.InvalidInputException;
import io.thermoscope.attention.AttentionScan;
import io.thermoscope.attention.ContextGrowth;
import io.thermoscope.corpus.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One forward pass of a model per document of a corpus, read once into an {@link AttentionScan}: the input of the
 * atlas ({@link Atlas}), the distance phases and the compressibility ({@link KappaScan}). Each document is
 * tokenised and cut to its first {@code maxTokens} tokens ([CLS] kept, [SEP] closing the cut); documents shorter
 * than {@code minTokens} are skipped and counted.
 *
 * @param model      model name
 * @param layers     attention layers
 * @param heads      heads per layer
 * @param dk         key dimension
 * @param scan       everything collected from the passes
 * @param documents  ids of the documents used, in order
 * @param tooShort   documents skipped for having fewer than {@code minTokens} tokens
 * @param cut        documents cut to {@code maxTokens}
 * @param maxTokens  tokens per pass at most
 * @param weightRanks N_eff of every head from its weights [layer][head] (null when the projections were not found)
 */
public record ModelScan(String model, int layers, int heads, int dk, AttentionScan scan, List<String> documents,
                        int tooShort, int cut, int maxTokens, double[][] weightRanks) implements java.io.Serializable {

    /**
     * What to read.
     *
     * @param maxTokens tokens per pass at most (0: the model's positions)
     * @param minTokens documents with fewer tokens are skipped
     * @param growth    the context-growth grid (null: none); the special tokens come from the tokenizer
     * @param everyQuery read every query of every head (the atlas and the phases); false: the growth only
     * @param cutLong   cut documents longer than maxTokens (counted) instead of refusing them
     */
    public record Options(int maxTokens, int minTokens, Growth growth, boolean everyQuery, boolean cutLong)
            implements java.io.Serializable {
        /** Validates the options. */
        public Options {
            if (maxTokens < 0 || minTokens < 1) throw new InvalidInputException("token limits must be positive");
            if (maxTokens > 0 && minTokens > maxTokens) {
                throw new InvalidInputException("minimum tokens " + minTokens + " exceed the maximum " + maxTokens);
            }
        }
    }

    /**
     * The log grid of context lengths for {@link ContextGrowth}.
     *
     * @param minContext      smallest context V
     * @param pointsPerOctave grid points per doubling of V
     */
    public record Growth(int minContext, int pointsPerOctave) implements java.io.Serializable {
    }

    /** Receives the scan's progress: documents done of the total, and the last document's id. */
    public interface Listener {
        /** Called after each document. */
        void progress(int done, int total, String id);
    }

    /** Scans {@code documents} with {@code model}; refuses when no document is long enough. */
    public static ModelScan run(AttentionModel model, List<Document> documents, Options options, Listener listener) {
        return requireDocuments(part(model, documents, options, listener), options);
    }

    /**
     * The scan of consecutive parts of one corpus (e.g. Spark partitions, each scanned by {@link #part}), in order:
     * equal to {@link #run} over all their documents up to the round-off of merging the per-head sketches in a
     * tree ({@link AttentionScan#concatenate}); refuses when no document was long enough.
     */
    public static ModelScan concatenate(List<ModelScan> parts, Options options) {
        if (parts.isEmpty()) throw new InvalidInputException("no scans to concatenate");
        ModelScan first = parts.get(0);
        List<String> used = new ArrayList<>();
        int tooShort = 0, cut = 0;
        for (ModelScan p : parts) {
            if (!p.model.equals(first.model) || p.layers != first.layers || p.heads != first.heads) {
                throw new InvalidInputException("scans of different models");
            }
            used.addAll(p.documents);
            tooShort += p.tooShort;
            cut += p.cut;
        }
        AttentionScan scan = AttentionScan.concatenate(parts.stream().map(ModelScan::scan).toList());
        return requireDocuments(new ModelScan(first.model, first.layers, first.heads, first.dk, scan, used, tooShort, cut,
                first.maxTokens, first.weightRanks), options);
    }

    private static ModelScan requireDocuments(ModelScan s, Options options) {
        if (s.documents.isEmpty()) {
            throw new InvalidInputException("no document has the " + options.minTokens() + " tokens needed ("
                    + s.tooShort + " too short)");
        }
        return s;
    }

    /** Scans {@code documents} with {@code model} — one part of a corpus: none of them need be long enough. */
    public static ModelScan part(AttentionModel model, List<Document> documents, Options options, Listener listener) {
        int max = options.maxTokens() == 0 ? model.maxPositions() : Math.min(options.maxTokens(), model.maxPositions());
        if (options.minTokens() > max) {
            throw new InvalidInputException("documents need at least " + options.minTokens() + " tokens but "
                    + model.source().name() + " takes at most " + max);
        }
        long[] specials = model.tokenize("");
        int leading = specials.length >= 1 ? 1 : 0, trailing = specials.length >= 2 ? 1 : 0;
        ContextGrowth growth = options.growth() == null ? null
                : new ContextGrowth(options.growth().minContext(), options.growth().pointsPerOctave(), leading, trailing);
        AttentionScan scan = new AttentionScan(new AttentionScan.Options(leading, trailing, growth, options.everyQuery()));
        long sep = model.separatorId();
        List<String> used = new ArrayList<>();
        int tooShort = 0, cut = 0, done = 0;
        for (Document d : documents) {
            long[] ids = model.tokenize(d.text());
            if (ids.length < options.minTokens()) {
                tooShort++;
            } else {
                if (ids.length > max) {
                    if (!options.cutLong()) {
                        throw new InvalidInputException("document " + d.id() + " has " + ids.length + " tokens but "
                                + model.source().name() + " takes at most " + max + "; shorten it or pass --truncate");
                    }
                    ids = Arrays.copyOf(ids, max);
                    if (trailing == 1 && sep >= 0) ids[max - 1] = sep;
                    cut++;
                }
                long[] in = ids;
                model.withPass(in, pass -> {
                    scan.add(d.id(), pass);
                    return null;
                });
                used.add(d.id());
            }
            done++;
            if (listener != null) listener.progress(done, documents.size(), d.id());
        }
        double[][] ranks;
        Forward probe = model.forward(model.tokenize("a b"), false);
        try {
            ranks = model.headRanks(probe);
        } catch (InvalidInputException e) {
            ranks = null; // the W_Q/W_K projections are not recognisable in this graph
        }
        return new ModelScan(model.source().name(), probe.layers(), probe.heads(), model.keyDimension(probe.ids()),
                scan, used, tooShort, cut, max, ranks);
    }
}
