package io.thermoscope.train;

/** Small configurations for tests: a run of them trains in about a second. */
final class TinyRuns {
    private TinyRuns() {
    }

    /** A tiny model on p = 5 with 60 full-batch steps, evaluated every 10 and checkpointed every 20. */
    static GrokConfig tiny(long seed) {
        return GrokConfig.preset("fast", 5, seed).toBuilder().dModel(16).heads(2).dMlp(32).maxSteps(60).evalEvery(10)
                .checkpointEvery(20).probeSize(25).stopAfterGrok(-1).lr(3e-3).trainFraction(0.6).build();
    }
}
