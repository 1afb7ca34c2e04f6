package io.thermoscope.train.lm;

import java.util.List;
import java.util.Objects;

/**
 * The n-gram counts of the last training set counted in this JVM: runs that share a document split (a depth series,
 * the stages of one report) count it once. One entry only, so the counts of an old split are released.
 */
final class NGramCache {
    private static List<ByteCorpus.Doc> docs;
    private static int order;
    private static ByteNGram counts;

    private NGramCache() {
    }

    /** The counts of {@code corpus}'s training documents up to {@code n}. */
    static synchronized ByteNGram counts(ByteCorpus corpus, int n) {
        if (counts == null || order != n || !sameDocuments(docs, corpus.train())) {
            counts = null; // release the old counts before counting anew
            counts = new ByteNGram(corpus.train(), n);
            docs = corpus.train();
            order = n;
        }
        return counts;
    }

    private static boolean sameDocuments(List<ByteCorpus.Doc> a, List<ByteCorpus.Doc> b) {
        if (a == b) return true;
        if (a == null || a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).id(), b.get(i).id()) || a.get(i).bytes().length != b.get(i).bytes().length
                    || !java.util.Arrays.equals(a.get(i).bytes(), b.get(i).bytes())) return false;
        }
        return true;
    }
}
