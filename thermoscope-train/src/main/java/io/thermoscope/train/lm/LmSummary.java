package io.thermoscope.train.lm;

import java.util.List;

/**
 * What a finished language-model run reports ({@code summary.json}).
 *
 * @param preset            the preset
 * @param layers            blocks L
 * @param dModel            residual width
 * @param heads             heads per block
 * @param context           context length
 * @param parameters        trained parameters
 * @param steps             optimiser steps
 * @param tokens            training tokens seen
 * @param valBpb            validation bits per byte on the final evaluation windows
 * @param validationTokens  bytes predicted in the final evaluation
 * @param baselines         the n-gram baselines on the same windows
 * @param documents         per held-out document of the final windows: decoder and baselines
 * @param tokensPerSecond   mean training throughput (evaluations excluded)
 * @param flopsPerToken     training FLOPs per token ({@link LmConfig.Architecture#trainingFlopsPerToken()})
 * @param trainSeconds      training time (evaluations excluded), across resumes
 * @param threads           PyTorch intra-op threads
 */
public record LmSummary(String preset, int layers, int dModel, int heads, int context, long parameters, int steps,
                        long tokens, double valBpb, long validationTokens, NGramBaselines baselines,
                        List<DocumentBits> documents, double tokensPerSecond, double flopsPerToken, double trainSeconds,
                        int threads) {

    /**
     * One held-out document's windows in the final evaluation.
     *
     * @param document the document id
     * @param windows  its windows
     * @param decoder  the decoder's bits per byte
     * @param unigram  the add-one unigram's
     * @param ngram    the best Kneser–Ney order's ({@link NGramBaselines#best()})
     */
    public record DocumentBits(String document, int windows, double decoder, double unigram, double ngram) {
    }

    /** Whether the decoder's validation bits per byte are below the best n-gram baseline's. */
    public boolean beatsBestNGram() {
        return valBpb < baselines.best().bitsPerByte();
    }
}
