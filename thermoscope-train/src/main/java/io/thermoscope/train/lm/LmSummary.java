package io.thermoscope.train.lm;

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
 * @param validationDocuments held-out documents the final windows came from
 * @param baselines         the n-gram baselines on the same windows
 * @param tokensPerSecond   mean training throughput (evaluations excluded)
 * @param flopsPerToken     training FLOPs per token ({@link LmConfig.Architecture#trainingFlopsPerToken()})
 * @param trainSeconds      training time (evaluations excluded), across resumes
 * @param threads           PyTorch intra-op threads
 */
public record LmSummary(String preset, int layers, int dModel, int heads, int context, long parameters, int steps,
                        long tokens, double valBpb, long validationTokens, int validationDocuments,
                        NGramBaselines baselines, double tokensPerSecond, double flopsPerToken, double trainSeconds,
                        int threads) {

    /** Whether the decoder's validation bits per byte are below the best n-gram baseline's. */
    public boolean beatsBestNGram() {
        return valBpb < baselines.best().bitsPerByte();
    }
}
