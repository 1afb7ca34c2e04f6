package io.thermoscope.train.lm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The n-gram baselines of a decoder, counted on its training documents and scored on its validation windows: the
 * add-one unigram and interpolated Kneser–Ney models of orders 2 … maxOrder ({@link ByteNGram}).
 *
 * @param unigram    bits per byte of the add-one unigram
 * @param kneserNey  bits per byte of each Kneser–Ney order, from order 2
 * @param trainBytes training bytes counted
 */
public record NGramBaselines(double unigram, List<Order> kneserNey, long trainBytes) {

    /**
     * One Kneser–Ney model.
     *
     * @param order       n
     * @param bitsPerByte its validation bits per byte
     */
    public record Order(int order, double bitsPerByte) {
    }

    /** Counts the models on {@code corpus}'s training set and scores them on {@code windows}. */
    public static NGramBaselines of(ByteCorpus corpus, long[] windows, int maxOrder) {
        return of(new ByteNGram(corpus.train(), Math.max(1, maxOrder)), corpus, windows);
    }

    /** Scores the models of {@code counts} (orders 2 … its order) on {@code windows}. */
    public static NGramBaselines of(ByteNGram counts, ByteCorpus corpus, long[] windows) {
        double uni = counts.bitsPerByte(windows, corpus.context(), 0);
        List<Order> orders = new ArrayList<>();
        for (int n = 2; n <= counts.order(); n++) orders.add(new Order(n, counts.bitsPerByte(windows, corpus.context(), n)));
        return new NGramBaselines(uni, List.copyOf(orders), ByteCorpus.bytes(corpus.train()));
    }

    /** The Kneser–Ney order with the lowest validation bits per byte (the strongest baseline, chosen on validation). */
    public Order best() {
        return kneserNey.stream().min(Comparator.comparingDouble(Order::bitsPerByte)).orElse(new Order(1, unigram));
    }
}
