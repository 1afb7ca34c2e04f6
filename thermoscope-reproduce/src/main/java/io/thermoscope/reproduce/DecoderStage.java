package io.thermoscope.reproduce;

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

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }
}
