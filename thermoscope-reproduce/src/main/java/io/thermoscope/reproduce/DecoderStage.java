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

    /**
     * The model inputs of one window (the first {@code context} bytes) of each of the first {@code documents}
     * held-out documents that are long enough (all of them when there are fewer).
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
