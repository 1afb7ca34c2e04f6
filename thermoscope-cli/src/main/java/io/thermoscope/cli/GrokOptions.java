package io.thermoscope.cli;

import io.thermoscope.train.GrokConfig;
import io.thermoscope.train.GrokGate;
import io.thermoscope.train.PlateauWindow;
import picocli.CommandLine.Option;

/**
 * Overrides of a grokking preset and of the analysis, shared by {@code grok} and {@code grok sweep}; unset options
 * keep the preset's (or the default gate's and window's) values.
 */
public final class GrokOptions {
    @Option(names = "--preset", defaultValue = "fast", paramLabel = "NAME",
            description = "fast | paper | nanda2023 | power2022 (default ${DEFAULT-VALUE}).")
    String preset = "fast";

    @Option(names = "--operands", paramLabel = "K", description = "Operands k of (x1 + ... + xk) mod p (default 2).")
    Integer operands;

    @Option(names = "--examples", paramLabel = "N", description = "Sequences sampled from the p^k (0 = all of them).")
    Integer examples;

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

    @Option(names = "--init-scale", paramLabel = "X", description = "Multiplies every initial weight's std (1 = 1/sqrt(fan_in)).")
    Double initScale;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate (> 0).")
    Double lr;

    @Option(names = "--wd", paramLabel = "LAMBDA", description = "Decoupled weight decay (>= 0).")
    Double wd;

    @Option(names = "--beta1", paramLabel = "B1", description = "AdamW beta1.")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "B2", description = "AdamW beta2.")
    Double beta2;

    @Option(names = "--train-fraction", paramLabel = "F", description = "Fraction of the sequences used for training, in (0, 1).")
    Double trainFraction;

    @Option(names = "--batch", paramLabel = "B", description = "Minibatch size (0 = full batch).")
    Integer batch;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "Linear learning-rate warm-up steps.")
    Integer warmup;

    @Option(names = "--max-steps", paramLabel = "N", description = "Optimiser step budget.")
    Integer maxSteps;

    @Option(names = "--eval-every", paramLabel = "N", description = "Steps between evaluations (losses, accuracies, monitor).")
    Integer evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (0 = only at the end).")
    Integer checkpointEvery;

    @Option(names = "--probe-size", paramLabel = "N", description = "Examples in the monitor's fixed probe set.")
    Integer probeSize;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (results reproducible for a fixed value).")
    Integer threads;

    @Option(names = "--stop-after-grok", paramLabel = "STEPS", description = "Stop this many steps after val accuracy reaches 0.99 (negative: never).")
    Integer stopAfterGrok;

    @Option(names = "--gate-factor", paramLabel = "X", description = "Gate: t_val50 - t_train99 >= max(X * t_train99, min delay) (default 5).")
    Double gateFactor;

    @Option(names = "--gate-min-delay", paramLabel = "STEPS", description = "Gate: minimum delay in steps (default 500).")
    Integer gateMinDelay;

    @Option(names = "--gate-generalised", paramLabel = "ACC", description = "Gate: val accuracy a grokking run must reach (default 0.95).")
    Double gateGeneralised;

    @Option(names = "--window-transient", paramLabel = "F", description = "Plateau: fraction after t_train99 left out (default 0.1).")
    Double windowTransient;

    @Option(names = "--window-smooth", paramLabel = "W", description = "Plateau: odd moving-average window in evaluations (default 5).")
    Integer windowSmooth;

    @Option(names = "--window-prominence", paramLabel = "X", description = "Plateau: minimum peak prominence in noise units (default 3).")
    Double windowProminence;

    /** The preset at (p, seed) with every given override applied. */
    GrokConfig resolve(int p, long seed) {
        GrokConfig.Builder b = GrokConfig.preset(preset, p, seed).toBuilder();
        if (operands != null) b.operands(operands);
        if (examples != null) b.examples(examples);
        if (layers != null) b.layers(layers);
        if (dModel != null) b.dModel(dModel);
        if (heads != null) b.heads(heads);
        if (dMlp != null) b.dMlp(dMlp);
        if (layerNorm != null) b.layerNorm(layerNorm);
        if (initScale != null) b.initScale(initScale);
        if (lr != null) b.lr(lr);
        if (wd != null) b.weightDecay(wd);
        if (beta1 != null) b.beta1(beta1);
        if (beta2 != null) b.beta2(beta2);
        if (trainFraction != null) b.trainFraction(trainFraction);
        if (batch != null) b.batch(batch);
        if (warmup != null) b.warmupSteps(warmup);
        if (maxSteps != null) b.maxSteps(maxSteps);
        if (evalEvery != null) b.evalEvery(evalEvery);
        if (checkpointEvery != null) b.checkpointEvery(checkpointEvery);
        if (probeSize != null) b.probeSize(probeSize);
        if (threads != null) b.threads(threads);
        if (stopAfterGrok != null) b.stopAfterGrok(stopAfterGrok);
        return b.build();
    }

    /** The grokking gate with the given overrides. */
    GrokGate gate() {
        GrokGate d = GrokGate.DEFAULT;
        return new GrokGate(d.memorised(), d.onset(), gateGeneralised != null ? gateGeneralised : d.generalised(),
                gateFactor != null ? gateFactor : d.delayFactor(), gateMinDelay != null ? gateMinDelay : d.minDelaySteps());
    }

    /** The plateau window with the given overrides. */
    PlateauWindow window() {
        PlateauWindow d = PlateauWindow.DEFAULT;
        return new PlateauWindow(windowTransient != null ? windowTransient : d.transientFraction(),
                windowSmooth != null ? windowSmooth : d.smooth(), windowProminence != null ? windowProminence : d.minProminence(),
                d.coincidence());
    }
}
