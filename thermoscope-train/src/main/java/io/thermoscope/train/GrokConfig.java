package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;

import java.util.Locale;

/**
 * One grokking run, fully resolved: task (modular addition mod p), model, optimiser (AdamW), schedule and
 * monitor cadence. Every preset is a value of this record; every field can be overridden with {@code withX}.
 *
 * @param preset            name of the preset it came from (informational)
 * @param p                 modulus; the task is (a, b) → (a + b) mod p over all p² pairs, vocabulary p + 1
 * @param seed              seed of the split, the initialisation, the batches and the probe set
 * @param layers            number of transformer blocks L
 * @param dModel            residual width
 * @param heads             attention heads per block (d_k = dModel / heads)
 * @param dMlp              hidden width of the MLP
 * @param layerNorm         pre-LN blocks plus a final LayerNorm when true; no normalisation at all when false
 * @param lr                peak learning rate
 * @param weightDecay       decoupled weight decay λ of AdamW
 * @param beta1             AdamW β₁
 * @param beta2             AdamW β₂
 * @param eps               AdamW ε
 * @param batch             minibatch size; 0 = full batch
 * @param trainFraction     fraction of the p² pairs used for training, in (0, 1)
 * @param warmupSteps       linear learning-rate warm-up steps (0 = none)
 * @param maxSteps          optimiser steps
 * @param evalEvery         steps between evaluations (loss, accuracy and the thermodynamic monitor)
 * @param checkpointEvery   steps between checkpoints (0 = only at the end)
 * @param probeSize         size of the fixed, seeded probe set of the monitor (capped at p²)
 * @param threads           PyTorch intra-op threads (results are reproducible for a fixed value)
 * @param smoothWindow      odd moving-average window (in evaluations) for the C_v peak search
 * @param stopAfterGrok     stop this many steps after val accuracy first reaches 0.99 (negative: never stop early)
 */
public record GrokConfig(String preset, int p, long seed, int layers, int dModel, int heads, int dMlp,
                         boolean layerNorm, double lr, double weightDecay, double beta1, double beta2, double eps,
                         int batch, double trainFraction, int warmupSteps, int maxSteps, int evalEvery,
                         int checkpointEvery, int probeSize, int threads, int smoothWindow, int stopAfterGrok) {

    /** The preset names, in the order they are documented. */
    public static final String[] PRESETS = {"fast", "paper", "nanda2023", "power2022"};

    /** Validates the whole configuration; throws {@link InvalidInputException} with a one-line message. */
    public GrokConfig {
        if (p < 2) throw new InvalidInputException("p must be an integer >= 2, got " + p);
        if (p > 2000) throw new InvalidInputException("p must be <= 2000 (p² pairs are held in memory), got " + p);
        if (layers < 1) throw new InvalidInputException("layers must be >= 1, got " + layers);
        if (heads < 1) throw new InvalidInputException("heads must be >= 1, got " + heads);
        if (dModel < 1 || dModel % heads != 0) {
            throw new InvalidInputException("d-model must be a positive multiple of heads (" + heads + "), got " + dModel);
        }
        if (dMlp < 1) throw new InvalidInputException("d-mlp must be >= 1, got " + dMlp);
        if (!(lr > 0) || !Double.isFinite(lr)) throw new InvalidInputException("lr must be > 0 and finite, got " + lr);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new InvalidInputException("weight decay must be >= 0 and finite, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1)) throw new InvalidInputException("beta1 must lie in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new InvalidInputException("beta2 must lie in [0, 1), got " + beta2);
        if (!(eps > 0) || !Double.isFinite(eps)) throw new InvalidInputException("eps must be > 0, got " + eps);
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new InvalidInputException("train fraction must lie in (0, 1), got " + trainFraction);
        }
        int nTrain = trainSize(p, trainFraction);
        if (nTrain < 1 || nTrain >= p * p) {
            throw new InvalidInputException("train fraction " + trainFraction + " leaves an empty train or validation set at p = " + p);
        }
        if (batch < 0) throw new InvalidInputException("batch must be >= 0 (0 = full batch), got " + batch);
        if (warmupSteps < 0) throw new InvalidInputException("warmup steps must be >= 0, got " + warmupSteps);
        if (maxSteps < 1) throw new InvalidInputException("max steps must be >= 1, got " + maxSteps);
        if (evalEvery < 1) throw new InvalidInputException("eval-every must be >= 1, got " + evalEvery);
        if (checkpointEvery < 0) throw new InvalidInputException("checkpoint-every must be >= 0, got " + checkpointEvery);
        if (probeSize < 1) throw new InvalidInputException("probe size must be >= 1, got " + probeSize);
        if (threads < 1) throw new InvalidInputException("threads must be >= 1, got " + threads);
        if (smoothWindow < 1 || smoothWindow % 2 == 0) {
            throw new InvalidInputException("smoothing window must be an odd integer >= 1, got " + smoothWindow);
        }
        if (preset == null || preset.isBlank()) preset = "custom";
    }

    /** Size of the training split: round(fraction · p²). */
    public static int trainSize(int p, double fraction) {
        return (int) Math.round(fraction * p * (double) p);
    }

    /** Training-set size of this configuration. */
    public int trainSize() {
        return trainSize(p, trainFraction);
    }

    /** The effective minibatch size (full batch when {@code batch} is 0 or exceeds the training set). */
    public int effectiveBatch() {
        int n = trainSize();
        return batch == 0 ? n : Math.min(batch, n);
    }

    /** Key dimension d_k = d_model / heads; the structural temperature is T = √d_k (Eq. 9). */
    public int dk() {
        return dModel / heads;
    }

    /**
     * A named preset at modulus {@code p} and {@code seed}: {@code fast} (ours, groks in a few thousand full-batch
     * steps at p ≤ 31), {@code paper} (Kim 2026), {@code nanda2023}, {@code power2022}.
     */
    public static GrokConfig preset(String name, int p, long seed) {
        if (p < 2) throw new InvalidInputException("p must be an integer >= 2, got " + p);
        int threads = 1;
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            // ours: 1 layer, d_model 64, no LayerNorm, full batch, lr 3e-3, strong decoupled weight decay (2.0) and a
            // 0.6 train fraction: measured to reach val accuracy 0.99 in ~1.5k steps at p = 23 (docs/benchmarks/training.md)
            case "fast" -> new GrokConfig("fast", p, seed, 1, 64, 4, 256, false, 3e-3, 2.0, 0.9, 0.98, 1e-8,
                    0, 0.6, 10, 6000, 25, 500, 512, threads, 5, 500);
            // Kim (2026): 2 layers, d_model 128, 4 heads, AdamW lr 3e-4, weight decay 0.1, batch 512, 50/50 split;
            // betas/eps not stated there: PyTorch AdamW defaults (0.9, 0.999, 1e-8)
            case "paper" -> new GrokConfig("paper", p, seed, 2, 128, 4, 512, true, 3e-4, 0.1, 0.9, 0.999, 1e-8,
                    512, 0.5, 0, 30000, 100, 2000, 512, threads, 5, -1);
            // Nanda et al. (2023): 1 layer, no LayerNorm, lr 1e-3, wd 1.0, betas 0.9/0.98, 30 % train, full batch
            case "nanda2023" -> new GrokConfig("nanda2023", p, seed, 1, 128, 4, 512, false, 1e-3, 1.0, 0.9, 0.98,
                    1e-8, 0, 0.3, 10, 40000, 100, 2000, 512, threads, 5, -1);
            // Power et al. (2022): 2 layers, lr 1e-3, wd 1, batch min(512, N/2), 10-step linear warm-up
            case "power2022" -> new GrokConfig("power2022", p, seed, 2, 128, 4, 512, true, 1e-3, 1.0, 0.9, 0.98,
                    1e-8, Math.max(1, Math.min(512, trainSize(p, 0.5) / 2)), 0.5, 10, 50000, 100, 2000, 512,
                    threads, 5, -1);
            default -> throw new InvalidInputException("unknown preset '" + name + "'; known: fast, paper, nanda2023, power2022");
        };
    }

    /** This configuration as indented JSON. */
    public String toJson() {
        return Json.toJson(this);
    }

    /** Copy with another preset label. */
    public GrokConfig withPreset(String v) { return new GrokConfig(v, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another modulus p. */
    public GrokConfig withP(int v) { return new GrokConfig(preset, v, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another seed. */
    public GrokConfig withSeed(long v) { return new GrokConfig(preset, p, v, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another depth. */
    public GrokConfig withLayers(int v) { return new GrokConfig(preset, p, seed, v, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another residual width. */
    public GrokConfig withDModel(int v) { return new GrokConfig(preset, p, seed, layers, v, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another head count. */
    public GrokConfig withHeads(int v) { return new GrokConfig(preset, p, seed, layers, dModel, v, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another MLP width. */
    public GrokConfig withDMlp(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, v, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with LayerNorm switched on or off. */
    public GrokConfig withLayerNorm(boolean v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, v, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another learning rate. */
    public GrokConfig withLr(double v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, v, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another weight decay. */
    public GrokConfig withWeightDecay(double v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, v, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with other AdamW betas. */
    public GrokConfig withBetas(double b1, double b2) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, b1, b2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another minibatch size (0 = full batch). */
    public GrokConfig withBatch(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, v, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another train fraction. */
    public GrokConfig withTrainFraction(double v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, v, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another warm-up length. */
    public GrokConfig withWarmupSteps(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, v, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another step budget. */
    public GrokConfig withMaxSteps(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, v, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another evaluation cadence. */
    public GrokConfig withEvalEvery(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, v, checkpointEvery, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another checkpoint cadence. */
    public GrokConfig withCheckpointEvery(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, v, probeSize, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another probe-set size. */
    public GrokConfig withProbeSize(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, v, threads, smoothWindow, stopAfterGrok); }
    /** Copy with another thread count. */
    public GrokConfig withThreads(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, v, smoothWindow, stopAfterGrok); }
    /** Copy with another peak-smoothing window. */
    public GrokConfig withSmoothWindow(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, v, stopAfterGrok); }
    /** Copy with another early-stop margin (negative: never stop early). */
    public GrokConfig withStopAfterGrok(int v) { return new GrokConfig(preset, p, seed, layers, dModel, heads, dMlp, layerNorm, lr, weightDecay, beta1, beta2, eps, batch, trainFraction, warmupSteps, maxSteps, evalEvery, checkpointEvery, probeSize, threads, smoothWindow, v); }
}
