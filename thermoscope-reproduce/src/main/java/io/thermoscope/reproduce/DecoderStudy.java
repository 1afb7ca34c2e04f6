package io.thermoscope.reproduce;

import io.thermoscope.corpus.BrownCorpus;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.models.AttentionModel;
import io.thermoscope.models.SamplingHeat;
import io.thermoscope.train.lm.ByteCorpus;
import io.thermoscope.train.lm.LmConfig;
import io.thermoscope.train.lm.LmSummary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The decoder the report's autoregressive claims are tested on, shared by their stages: the {@code small} preset in
 * the quick protocol, {@code full} in the full one (or a configuration a test passes), trained once on the Brown
 * corpus into {@code <results>/decoders/<preset>-<crc of the configuration>} (resumed or read back by every later
 * stage) and exported to ONNX; every analysis runs on the export through ONNX Runtime, as on a user's decoder.
 *
 * @param config    the decoder's training configuration
 * @param documents how many Brown documents to use (a seeded sample; 0: all 500)
 */
public record DecoderStudy(LmConfig config, int documents) {

    /** The decoder of a reproduction: {@code small} (quick) or {@code full}, seeded by the master seed, all documents. */
    public static DecoderStudy of(ReproductionConfig c) {
        return new DecoderStudy(LmConfig.preset(c.full() ? "full" : "small", c.seed()), 0);
    }

    /** The documents of this study (loaded once per JVM, sampled with the split's seed). */
    Corpus corpus() {
        return documents <= 0 ? Brown.CORPUS : Brown.CORPUS.sample(documents, config.split().seed());
    }

    /** Lazily loaded Brown corpus. */
    private static final class Brown {
        static final Corpus CORPUS = BrownCorpus.load(line -> { }).requireUsable();
    }

    /** The document split of this decoder (training and held-out documents). */
    public ByteCorpus split() {
        return ByteCorpus.split(corpus(), config.split(), config.model().context());
    }

    /** The run directory of this decoder under the reproduction's results. */
    public Path directory(ReproductionConfig c) {
        CRC32 crc = new CRC32();
        crc.update((config.toJson() + documents).getBytes(StandardCharsets.UTF_8));
        return c.out().resolve("decoders").resolve(config.preset() + "-" + String.format(Locale.ROOT, "%08x", crc.getValue()));
    }

    /** Trains (or resumes, or reads back) the decoder and exports it; progress goes to {@code ctx} up to {@code share}. */
    public LmSummary train(StageContext ctx, double share) {
        return DecoderRuns.trainAndExport(config, corpus(), directory(ctx.config()), true,
                (step, steps, last) -> ctx.progress().update(share * step / steps, String.format(Locale.ROOT,
                        "training %s decoder: step %d/%d, %.0f tokens/s, validation %.3f bits/byte", config.preset(), step,
                        steps, last.tokensPerSecond(), last.valBpb())), List.of("thermoscope", "reproduce"));
    }

    /** The exported decoder of this study, loaded (after {@link #train}); the caller closes it. */
    public AttentionModel model(ReproductionConfig c) {
        return AttentionModel.load(DecoderRuns.source(directory(c)));
    }

    /** The words of the training documents (the vocabulary unknown words are judged against). */
    public Set<String> vocabulary() {
        Set<String> words = new HashSet<>();
        for (ByteCorpus.Doc d : split().train()) words.addAll(SamplingHeat.words(new String(d.bytes(), StandardCharsets.UTF_8)));
        return words;
    }
}
