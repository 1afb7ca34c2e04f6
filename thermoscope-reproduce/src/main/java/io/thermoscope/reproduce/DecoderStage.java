package io.thermoscope.reproduce;

import io.thermoscope.train.lm.ByteCorpus;

import java.util.List;
import java.util.function.Function;

/**
 * A stage that measures the reproduction's decoder ({@link DecoderStudy}): by default the one of the protocol
 * ({@link DecoderStudy#of}); tests pass a tiny one.
 */
abstract class DecoderStage implements Stage {
    /** Which decoder the stage reads under a configuration. */
    final Function<ReproductionConfig, DecoderStudy> study;
    private final String id, title;

    DecoderStage(String id, String title, Function<ReproductionConfig, DecoderStudy> study) {
        this.id = id;
        this.title = title;
        this.study = study;
    }

    /** The stage's decoder under {@code ctx}'s configuration, trained (or read back); progress up to {@code share}. */
    DecoderStudy trained(StageContext ctx, double share) {
        DecoderStudy st = study.apply(ctx.config());
        st.train(ctx, share);
        return st;
    }

    /**
     * The model inputs (first {@code context} bytes) of min({@code documents}, held-out documents) validation windows,
     * taken round-robin over the held-out documents ({@link ByteCorpus#validationWindows}): one window per document
     * when they are long enough.
     */
    static List<long[]> heldOutInputs(ByteCorpus split, int documents) {
        return split.windowInputs(split.validationWindows(Math.min(documents, split.validation().size())));
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }
}
