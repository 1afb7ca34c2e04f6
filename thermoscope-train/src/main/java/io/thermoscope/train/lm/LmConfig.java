package io.thermoscope.train.lm;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;

import java.util.List;
import java.util.Locale;

/**
 * One language-model training run, fully resolved: the decoder's shape, the optimiser, the schedule (and with it the
 * token budget), the document split, the seed and the thread count. Presets are values of this record; each part can
 * be replaced ({@code withModel}, {@code withOptimiser}, …) and each part has its own {@code withX} copies.
 *
 * @param preset    name of the preset it came from (informational)
 * @param model     the decoder's shape
 * @param optimiser AdamW and the learning-rate schedule
 * @param schedule  batch, steps, evaluation and checkpoint cadence
 * @param split     which documents are held out for validation
 * @param seed      seed of the initialisation and of the training batches
 * @param threads   PyTorch intra-op threads (results are bitwise reproducible for a fixed value)
 */
public record LmConfig(String preset, Architecture model, Optimiser optimiser, Schedule schedule, Split split,
                       long seed, int threads) {

    /** Byte-level vocabulary: one token per byte value. */
    public static final int VOCAB = 256;

    /** The preset names, in the order they are documented. */
    public static final List<String> PRESETS = List.of("tiny", "small", "full", "depth");

    /** Validates the parts and the thread count. */
    public LmConfig {
        if (model == null || optimiser == null || schedule == null || split == null) {
            throw new InvalidInputException("a language-model configuration needs model, optimiser, schedule and split");
        }
        if (threads < 1) throw new InvalidInputException("threads must be >= 1, got " + threads);
        if (preset == null || preset.isBlank()) preset = "custom";
    }

    /**
     * The decoder: pre-LN blocks of causal multi-head attention with RoPE and a GELU MLP, a final LayerNorm and an
     * untied unembedding over the 256 byte values.
     *
     * @param layers   number of blocks L
     * @param dModel   residual width
     * @param heads    attention heads per block (d_k = dModel / heads, even for RoPE)
     * @param dMlp     hidden width of the MLP
     * @param context  longest sequence (positions 0 … context − 1); training windows have this length
     * @param ropeBase RoPE frequency base (θ_i = base^(−2i/d_k))
     */
    public record Architecture(int layers, int dModel, int heads, int dMlp, int context, double ropeBase) {
        /** Validates the shape. */
        public Architecture {
            if (layers < 1 || layers > 64) throw new InvalidInputException("layers must lie in [1, 64], got " + layers);
            if (heads < 1) throw new InvalidInputException("heads must be >= 1, got " + heads);
            if (dModel < 2 || dModel % heads != 0 || (dModel / heads) % 2 != 0) {
                throw new InvalidInputException("d-model must be a multiple of heads (" + heads
                        + ") with an even d_k for RoPE, got " + dModel);
            }
            if (dMlp < 1) throw new InvalidInputException("d-mlp must be >= 1, got " + dMlp);
            if (context < 2 || context > 8192) throw new InvalidInputException("context must lie in [2, 8192], got " + context);
            if (!(ropeBase > 1) || !Double.isFinite(ropeBase)) {
                throw new InvalidInputException("RoPE base must be > 1 and finite, got " + ropeBase);
            }
        }

        /** Key dimension d_k = d_model / heads; the structural temperature is T = √d_k (Eq. 9). */
        public int dk() {
            return dModel / heads;
        }

        /** Number of trained parameters. */
        public long parameterCount() {
            long d = dModel, perLayer = 4 * d + 4 * d * d + d * dMlp + dMlp + dMlp * d + d;
            return VOCAB * d + layers * perLayer + 2 * d + d * VOCAB;
        }

        /**
         * Multiply–add FLOPs of one training token (forward + backward ≈ 3 × forward; a multiply–add counts 2):
         * 6·(matrix parameters) + 6·L·context·d_model for the attention scores and their weighted sum (causal:
         * half of the context on average, q·k and p·v each 2·d per key, ×3 for the backward pass).
         */
        public double trainingFlopsPerToken() {
            double matrices = layers * (4.0 * dModel * dModel + 2.0 * dModel * dMlp) + (double) dModel * VOCAB;
            double attention = layers * 2.0 * 2.0 * dModel * (context / 2.0);
            return 3 * (2 * matrices + attention);
        }

        /** Copy with another depth. */
        public Architecture withLayers(int v) {
            return new Architecture(v, dModel, heads, dMlp, context, ropeBase);
        }

        /** Copy with another context length. */
        public Architecture withContext(int v) {
            return new Architecture(layers, dModel, heads, dMlp, v, ropeBase);
        }

        /** Copy with another width (MLP 4× as wide), keeping d_k when the heads divide it. */
        public Architecture withWidth(int dModelNew, int headsNew) {
            return new Architecture(layers, dModelNew, headsNew, 4 * dModelNew, context, ropeBase);
        }
    }

    /**
     * AdamW (decoupled decay on the weight matrices only; embeddings, LayerNorm gains and biases are not decayed) and
     * the learning rate: linear warm-up to {@code lr}, then a cosine decay to {@code minLr} at the last step.
     *
     * @param lr          peak learning rate
     * @param minLr       final learning rate
     * @param warmupSteps linear warm-up steps
     * @param weightDecay decoupled weight decay λ
     * @param beta1       AdamW β₁
     * @param beta2       AdamW β₂
     * @param eps         AdamW ε
     * @param clip        the gradient's global L2 norm is scaled down to this when larger (0: no clipping)
     */
    public record Optimiser(double lr, double minLr, int warmupSteps, double weightDecay, double beta1, double beta2,
                            double eps, double clip) {
        /** Validates the optimiser. */
        public Optimiser {
            if (!(lr > 0) || !Double.isFinite(lr) || lr > 10) throw new InvalidInputException("lr must lie in (0, 10], got " + lr);
            if (!(minLr >= 0 && minLr <= lr)) throw new InvalidInputException("min lr must lie in [0, lr], got " + minLr);
            if (warmupSteps < 0) throw new InvalidInputException("warmup steps must be >= 0, got " + warmupSteps);
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new InvalidInputException("weight decay must be >= 0 and finite, got " + weightDecay);
            }
            if (!(beta1 >= 0 && beta1 < 1)) throw new InvalidInputException("beta1 must lie in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new InvalidInputException("beta2 must lie in [0, 1), got " + beta2);
            if (!(eps > 0) || !Double.isFinite(eps)) throw new InvalidInputException("eps must be > 0, got " + eps);
            if (!(clip >= 0) || !Double.isFinite(clip)) throw new InvalidInputException("gradient clip must be >= 0, got " + clip);
        }

        /** The learning rate of step {@code step} (0-based) of {@code steps}: warm-up, then cosine to minLr. */
        public double rate(int step, int steps) {
            if (warmupSteps > 0 && step < warmupSteps) return lr * (step + 1.0) / warmupSteps;
            double span = Math.max(1, steps - warmupSteps);
            double x = Math.min(1, (step - warmupSteps) / span);
            return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * x));
        }

        /** Copy with another peak learning rate (the final rate keeps its ratio to the peak). */
        public Optimiser withLr(double v) {
            return new Optimiser(v, minLr / lr * v, warmupSteps, weightDecay, beta1, beta2, eps, clip);
        }
    }

    /**
     * The schedule; the token budget is steps × batch × context.
     *
     * @param batch           windows per step
     * @param steps           optimiser steps
     * @param evalEvery       steps between validation evaluations
     * @param evalWindows     validation windows of each evaluation during training
     * @param finalWindows    validation windows of the final evaluation (the reported bits per byte)
     * @param checkpointEvery steps between checkpoints (0: only at the end)
     */
    public record Schedule(int batch, int steps, int evalEvery, int evalWindows, int finalWindows, int checkpointEvery) {
        /** Validates the schedule. */
        public Schedule {
            if (batch < 1) throw new InvalidInputException("batch must be >= 1, got " + batch);
            if (steps < 1) throw new InvalidInputException("steps must be >= 1, got " + steps);
            if (evalEvery < 1) throw new InvalidInputException("eval-every must be >= 1, got " + evalEvery);
            if (evalWindows < 1 || finalWindows < 1) throw new InvalidInputException("evaluation windows must be >= 1");
            if (checkpointEvery < 0) throw new InvalidInputException("checkpoint-every must be >= 0, got " + checkpointEvery);
        }

        /** Copy with another step budget. */
        public Schedule withSteps(int v) {
            return new Schedule(batch, v, evalEvery, evalWindows, finalWindows, checkpointEvery);
        }

        /** Copy with another checkpoint cadence. */
        public Schedule withCheckpointEvery(int v) {
            return new Schedule(batch, steps, evalEvery, evalWindows, finalWindows, v);
        }
    }

    /**
     * The document split, independent of the training seed (so models of one study share it).
     *
     * @param validationFraction share of the documents held out for validation, in (0, 1)
     * @param seed               seed of the split
     */
    public record Split(double validationFraction, long seed) {
        /** Validates the split. */
        public Split {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new InvalidInputException("validation fraction must lie in (0, 1), got " + validationFraction);
            }
        }
    }

    /** Tokens seen in training: steps × batch × context. */
    public long tokenBudget() {
        return (long) schedule.steps() * schedule.batch() * model.context();
    }

    /**
     * A named preset: {@code tiny} (tests: seconds), {@code small} (the quick report: a few minutes on 2 cores),
     * {@code full} (the full report), {@code depth} (the depth-scaling series at L = 2; pick L with
     * {@link Architecture#withLayers}).
     */
    public static LmConfig preset(String name, long seed) {
        Split split = new Split(0.1, 0);
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> new LmConfig("tiny", new Architecture(1, 32, 2, 128, 32, 10000),
                    new Optimiser(3e-3, 3e-4, 5, 0.1, 0.9, 0.95, 1e-8, 1.0),
                    new Schedule(8, 40, 20, 8, 16, 0), split, seed, 1);
            // the quick report's decoder: 1.2 M training tokens
            case "small" -> new LmConfig("small", new Architecture(2, 128, 4, 512, 128, 10000),
                    new Optimiser(3e-3, 3e-4, 30, 0.1, 0.9, 0.95, 1e-8, 1.0),
                    new Schedule(16, 600, 100, 64, 256, 100), split, seed, 1);
            // the full report's decoder: 20.5 M training tokens
            case "full" -> new LmConfig("full", new Architecture(4, 256, 8, 1024, 256, 10000),
                    new Optimiser(1e-3, 1e-4, 200, 0.1, 0.9, 0.95, 1e-8, 1.0),
                    new Schedule(16, 5000, 250, 64, 1024, 250), split, seed, 1);
            // the quick depth series (L replaced by 1, 2, 4, 8): 307 k training tokens each
            case "depth" -> new LmConfig("depth", new Architecture(2, 64, 4, 256, 64, 10000),
                    new Optimiser(3e-3, 3e-4, 30, 0.1, 0.9, 0.95, 1e-8, 1.0),
                    new Schedule(16, 300, 100, 64, 256, 100), split, seed, 1);
            default -> throw new InvalidInputException("unknown preset '" + name + "'; known: " + String.join(", ", PRESETS));
        };
    }

    /** This configuration as indented JSON. */
    public String toJson() {
        return Json.toJson(this);
    }

    /** Copy with another model shape. */
    public LmConfig withModel(Architecture v) {
        return new LmConfig(preset, v, optimiser, schedule, split, seed, threads);
    }

    /** Copy with another optimiser. */
    public LmConfig withOptimiser(Optimiser v) {
        return new LmConfig(preset, model, v, schedule, split, seed, threads);
    }

    /** Copy with another schedule. */
    public LmConfig withSchedule(Schedule v) {
        return new LmConfig(preset, model, optimiser, v, split, seed, threads);
    }

    /** Copy with another seed. */
    public LmConfig withSeed(long v) {
        return new LmConfig(preset, model, optimiser, schedule, split, v, threads);
    }

    /** Copy with another thread count. */
    public LmConfig withThreads(int v) {
        return new LmConfig(preset, model, optimiser, schedule, split, seed, v);
    }

    /** Copy with another preset label. */
    public LmConfig withPreset(String v) {
        return new LmConfig(v, model, optimiser, schedule, split, seed, threads);
    }
}
