package io.thermoscope.cli;

import io.thermoscope.train.GrokConfig;
import picocli.CommandLine.Option;

/** Overrides of a grokking preset shared by {@code grok} and {@code grok sweep}; unset options keep the preset's. */
public final class GrokOptions {
    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME",
            description = "fast | paper | nanda2023 | power2022 (default ${DEFAULT-VALUE}).")
    String preset = "fast";

    @Option(names = "--layers", paramLabel = "L", description = "Transformer blocks.")
    Integer layers;

    @Option(names = "--d-model", paramLabel = "D", description = "Residual width.")
    Integer dModel;

    @Option(names = "--heads", paramLabel = "H", description = "Attention heads per block (d_k = d_model/H, T = sqrt(d_k)).")
    Integer heads;

    @Option(names = "--d-mlp", paramLabel = "D", description = "MLP hidden width.")
    Integer dMlp;

    @Option(names = "--layer-norm", arity = "1", paramLabel = "BOOL", description = "Pre-LN blocks (true) or no normalisation (false).")
    Boolean layerNorm;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate (> 0).")
    Double lr;

    @Option(names = "--wd", paramLabel = "LAMBDA", description = "Decoupled weight decay (>= 0).")
    Double wd;

    @Option(names = "--beta1", paramLabel = "B1", description = "AdamW beta1.")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B2", description = "AdamW beta2.")
    Double beta2;

    @Option(names = "--train-fraction", paramLabel = "F", description = "Fraction of the p^2 pairs used for training, in (0, 1).")
    Double trainFraction;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch size (0 = full batch).")
    Integer batch;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "Linear learning-rate warm-up steps.")
    Integer warmup;

    @Option(names = "--max-steps", paramLabel = "N", description = "Optimiser steps.")
    Integer maxSteps;

    @Option(names = "--eval-every", paramLabel = "N", description = "Steps between evaluations (losses, accuracies, monitor).")
    Integer evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (0 = only at the end).")
    Integer checkpointEvery;

    @Option(names = "--probe-size", paramLabel = "N", description = "Examples in the monitor's fixed probe set.")
    Integer probeSize;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (results reproducible for a fixed value).")
    Integer threads;

    @Option(names = "--smooth", paramLabel = "W", description = "Odd moving-average window (evaluations) for the C_v peak search.")
    Integer smooth;

    @Option(names = "--stop-after-grok", paramLabel = "STEPS", description = "Stop this many steps after val accuracy reaches 0.99 (negative: never).")
    Integer stopAfterGrok;

    /** The preset at (p, seed) with every given override applied. */
    GrokConfig resolve(int p, long seed) {
        GrokConfig c = GrokConfig.preset(preset, p, seed);
        if (layers != null) c = c.withLayers(layers);
        if (dModel != null) c = c.withDModel(dModel);
        if (heads != null) c = c.withHeads(heads);
        if (dMlp != null) c = c.withDMlp(dMlp);
        if (layerNorm != null) c = c.withLayerNorm(layerNorm);
        if (lr != null) c = c.withLr(lr);
        if (wd != null) c = c.withWeightDecay(wd);
        if (beta1 != null || beta2 != null) c = c.withBetas(beta1 != null ? beta1 : c.beta1(), beta2 != null ? beta2 : c.beta2());
        if (trainFraction != null) c = c.withTrainFraction(trainFraction);
        if (batch != null) c = c.withBatch(batch);
        if (warmup != null) c = c.withWarmupSteps(warmup);
        if (maxSteps != null) c = c.withMaxSteps(maxSteps);
        if (evalEvery != null) c = c.withEvalEvery(evalEvery);
        if (checkpointEvery != null) c = c.withCheckpointEvery(checkpointEvery);
        if (probeSize != null) c = c.withProbeSize(probeSize);
        if (threads != null) c = c.withThreads(threads);
        if (smooth != null) c = c.withSmoothWindow(smooth);
        if (stopAfterGrok != null) c = c.withStopAfterGrok(stopAfterGrok);
        return c;
    }
}
