package io.thermoscope.train;

import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;

import java.util.Locale;

/**
 * One grokking run, fully resolved, as named parts: the {@link Task} (which sums, which split), the
 * {@link Model} shape, the {@link Optimiser} (AdamW), the {@link Schedule} (batches, warm-up, step budget) and the
 * {@link Monitor} cadence. Presets are values of this record ({@link #preset}); {@link #toBuilder()} changes any
 * field by name.
 *
 * @param preset    name of the preset it came from (informational; "custom" when blank)
 * @param task      the task: (x₁ + … + x_k) mod p and its split
 * @param seed      seed of the split, the initialisation, the batches and the probe set
 * @param model     the transformer's shape
 * @param optimiser AdamW settings
 * @param schedule  batches, warm-up, step budget, early stop
 * @param monitor   evaluation, checkpoint and probe settings
 * @param threads   PyTorch intra-op threads (results are bitwise reproducible for a fixed value)
 */
public record GrokConfig(String preset, Task task, long seed, Model model, Optimiser optimiser, Schedule schedule,
                         Monitor monitor, int threads) {

    /** The preset names, in the order they are documented. */
    public static final String[] PRESETS = {"fast", "paper", "nanda2023", "power2022"};

    /** Largest number of sequences a task may hold in memory (enumerated or sampled). */
    public static final int MAX_EXAMPLES = 4_000_000;

    /**
     * The task: sequences x₁ … x_k = with answer (x₁ + … + x_k) mod p (vocabulary p + 1, "=" is token p).
     *
     * @param p             modulus
     * @param operands      k ≥ 2 (k = 2 is the paper's a + b mod p)
     * @param trainFraction fraction of the examples used for training, in (0, 1)
     * @param examples      0: every one of the p^k sequences; otherwise that many distinct sequences drawn at
     *                      random (seeded) from the p^k
     */
    public record Task(int p, int operands, double trainFraction, int examples) {
        /** Validates; one-line messages. */
        public Task {
            if (p < 2) throw new InvalidInputException("p must be an integer >= 2, got " + p);
            if (p > 2000) throw new InvalidInputException("p must be <= 2000 (the sequences are held in memory), got " + p);
            if (operands < 2 || operands > 64) throw new InvalidInputException("operands must lie in [2, 64], got " + operands);
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new InvalidInputException("train fraction must lie in (0, 1), got " + trainFraction);
            }
            double universe = Math.pow(p, operands);
            if (examples < 0) throw new InvalidInputException("examples must be >= 0 (0 = all p^k sequences), got " + examples);
            if (examples == 0 && universe > MAX_EXAMPLES) {
                throw new InvalidInputException("p^k = " + p + "^" + operands + " sequences are too many to enumerate (max "
                        + MAX_EXAMPLES + "); give a sample size with examples > 0");
            }
            if (examples > MAX_EXAMPLES || examples > universe) {
                throw new InvalidInputException("examples must be <= min(p^k, " + MAX_EXAMPLES + "), got " + examples);
            }
            long n = examples > 0 ? examples : Math.round(universe);
            long nTrain = Math.round(trainFraction * n);
            if (nTrain < 1 || nTrain >= n) {
                throw new InvalidInputException("train fraction " + trainFraction + " leaves an empty train or validation set ("
                        + n + " examples)");
            }
        }

        /** Number of examples in the task (train + validation). */
        public int exampleCount() {
            return examples > 0 ? examples : (int) Math.round(Math.pow(p, operands));
        }

        /** Tokens per sequence: k operands and "=". */
        public int sequenceLength() {
            return operands + 1;
        }

        /** Vocabulary size p + 1. */
        public int vocabulary() {
            return p + 1;
        }

        /** Training-set size round(fraction · examples). */
        public int trainSize() {
            return (int) Math.round(trainFraction * exampleCount());
        }

        /** Validation-set size. */
        public int valSize() {
            return exampleCount() - trainSize();
        }
    }

    /**
     * The transformer's shape.
     *
     * @param layers    transformer blocks L
     * @param dModel    residual width
     * @param heads     attention heads per block (d_k = dModel / heads)
     * @param dMlp      hidden width of the MLP
     * @param layerNorm pre-LN blocks plus a final LayerNorm when true; no normalisation at all when false
     * @param initScale multiplies every initial weight's standard deviation (1 = std 1/√fan_in)
     */
    public record Model(int layers, int dModel, int heads, int dMlp, boolean layerNorm, double initScale) {
        /** Validates; one-line messages. */
        public Model {
            if (layers < 1 || layers > 64) throw new InvalidInputException("layers must lie in [1, 64], got " + layers);
            if (heads < 1) throw new InvalidInputException("heads must be >= 1, got " + heads);
            if (dModel < 1 || dModel > 8192 || dModel % heads != 0) {
                throw new InvalidInputException("d-model must be a positive multiple of heads (" + heads + ") and <= 8192, got " + dModel);
            }
            if (dMlp < 1 || dMlp > 32768) throw new InvalidInputException("d-mlp must lie in [1, 32768], got " + dMlp);
            if (!(initScale > 0) || !Double.isFinite(initScale)) {
                throw new InvalidInputException("init scale must be > 0 and finite, got " + initScale);
            }
        }

        /** Key dimension d_k = d_model / heads; the structural temperature is T = √d_k (Eq. 9). */
        public int dk() {
            return dModel / heads;
        }
    }

    /**
     * AdamW (decoupled weight decay) settings.
     *
     * @param lr          peak learning rate η
     * @param weightDecay decoupled weight decay λ
     * @param beta1       β₁
     * @param beta2       β₂
     * @param eps         ε
     */
    public record Optimiser(double lr, double weightDecay, double beta1, double beta2, double eps) {
        /** Validates; one-line messages. */
        public Optimiser {
            if (!(lr > 0) || !Double.isFinite(lr)) throw new InvalidInputException("lr must be > 0 and finite, got " + lr);
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new InvalidInputException("weight decay must be >= 0 and finite, got " + weightDecay);
            }
            if (!(beta1 >= 0 && beta1 < 1)) throw new InvalidInputException("beta1 must lie in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new InvalidInputException("beta2 must lie in [0, 1), got " + beta2);
            if (!(eps > 0) || !Double.isFinite(eps)) throw new InvalidInputException("eps must be > 0 and finite, got " + eps);
        }

        /** The weight-decay time scale 1/(η·λ) in steps (infinite without decay). */
        public double decayTimeSteps() {
            return 1.0 / (lr * weightDecay);
        }
    }

    /**
     * The training schedule.
     *
     * @param batch         minibatch size; 0 = full batch
     * @param warmupSteps   linear learning-rate warm-up steps (0 = none): η_t = η·min(1, (t+1)/w)
     * @param maxSteps      optimiser step budget
     * @param stopAfterGrok stop this many steps after validation accuracy first reaches 0.99 (negative: never)
     */
    public record Schedule(int batch, int warmupSteps, int maxSteps, int stopAfterGrok) {
        /** Validates; one-line messages. */
        public Schedule {
            if (batch < 0) throw new InvalidInputException("batch must be >= 0 (0 = full batch), got " + batch);
            if (warmupSteps < 0) throw new InvalidInputException("warmup steps must be >= 0, got " + warmupSteps);
            if (maxSteps < 1) throw new InvalidInputException("max steps must be >= 1, got " + maxSteps);
        }
    }

    /**
     * The monitor's cadence and probe.
     *
     * @param evalEvery       steps between evaluations (loss, accuracy and the thermodynamic monitor)
     * @param checkpointEvery steps between checkpoints (0 = only at the end)
     * @param probeSize       size of the fixed, seeded probe set of the monitor (capped at the example count)
     */
    public record Monitor(int evalEvery, int checkpointEvery, int probeSize) {
        /** Validates; one-line messages. */
        public Monitor {
            if (evalEvery < 1) throw new InvalidInputException("eval-every must be >= 1, got " + evalEvery);
            if (checkpointEvery < 0) throw new InvalidInputException("checkpoint-every must be >= 0, got " + checkpointEvery);
            if (probeSize < 1) throw new InvalidInputException("probe size must be >= 1, got " + probeSize);
        }
    }

    /** Validates the parts together; one-line messages. */
    public GrokConfig {
        if (task == null || model == null || optimiser == null || schedule == null || monitor == null) {
            throw new InvalidInputException("a grokking configuration needs task, model, optimiser, schedule and monitor");
        }
        if (threads < 1) throw new InvalidInputException("threads must be >= 1, got " + threads);
        if (preset == null || preset.isBlank()) preset = "custom";
    }

    /** Modulus p. */
    public int p() {
        return task.p();
    }

    /** Key dimension d_k. */
    public int dk() {
        return model.dk();
    }

    /** The effective minibatch size (full batch when {@code batch} is 0 or exceeds the training set). */
    public int effectiveBatch() {
        int n = task.trainSize();
        return schedule.batch() == 0 ? n : Math.min(schedule.batch(), n);
    }

    /** Evaluation steps of the whole budget: 0, evalEvery, 2·evalEvery, …, and maxSteps. */
    public int evaluationsAtMost() {
        return schedule.maxSteps() / monitor.evalEvery() + 2;
    }

    /**
     * A named preset at modulus {@code p} and {@code seed}.
     * <ul>
     * <li>{@code fast} (ours): 1 layer, d_model 64, 4 heads, no LayerNorm, full batch, AdamW lr 3e-3, wd 1,
     * 40 % train, at most 12 000 steps (36 × 1/(lr·wd) = 333) — memorises in ~100 steps and generalises thousands
     * of steps later (grokking by the gate: 4 of 5 seeds at p = 31, 5 of 5 at p = 37, measured; 8 000 steps let only
     * 1 of 5 through at p = 37; see docs/benchmarks/training.md);</li>
     * <li>{@code paper} (Kim 2026): 2 layers, d_model 128, 4 heads, lr 3e-4, wd 0.1, batch 512, 50 % train; the
     * weight-decay time 1/(lr·wd) is 33 333 steps and the budget is 100 000 steps, three times that;</li>
     * <li>{@code nanda2023}: 1 layer, d_model 128, no LayerNorm, lr 1e-3, wd 1, 30 % train, full batch;</li>
     * <li>{@code power2022}: 2 layers, lr 1e-3, wd 1, batch min(512, N/2), 10-step warm-up.</li>
     * </ul>
     */
    public static GrokConfig preset(String name, int p, long seed) {
        if (p < 2) throw new InvalidInputException("p must be an integer >= 2, got " + p);
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "fast" -> new GrokConfig("fast", new Task(p, 2, 0.4, 0), seed, new Model(1, 64, 4, 256, false, 1.0),
                    new Optimiser(3e-3, 1.0, 0.9, 0.98, 1e-8), new Schedule(0, 10, 12_000, 300),
                    new Monitor(25, 1000, 512), 1);
            // betas/eps are not stated in Kim (2026): PyTorch AdamW defaults (0.9, 0.999, 1e-8)
            case "paper" -> new GrokConfig("paper", new Task(p, 2, 0.5, 0), seed, new Model(2, 128, 4, 512, true, 1.0),
                    new Optimiser(3e-4, 0.1, 0.9, 0.999, 1e-8), new Schedule(512, 0, 100_000, 1000),
                    new Monitor(100, 2000, 512), 1);
            case "nanda2023" -> new GrokConfig("nanda2023", new Task(p, 2, 0.3, 0), seed,
                    new Model(1, 128, 4, 512, false, 1.0), new Optimiser(1e-3, 1.0, 0.9, 0.98, 1e-8),
                    new Schedule(0, 10, 40_000, 1000), new Monitor(100, 2000, 512), 1);
            case "power2022" -> new GrokConfig("power2022", new Task(p, 2, 0.5, 0), seed,
                    new Model(2, 128, 4, 512, true, 1.0), new Optimiser(1e-3, 1.0, 0.9, 0.98, 1e-8),
                    new Schedule(Math.max(1, Math.min(512, (int) Math.round(0.5 * p * (double) p) / 2)), 10, 50_000, 1000),
                    new Monitor(100, 2000, 512), 1);
            default -> throw new InvalidInputException("unknown preset '" + name + "'; known: fast, paper, nanda2023, power2022");
        };
    }

    /** This configuration as indented JSON. */
    public String toJson() {
        return Json.toJson(this);
    }

    /** A builder holding every field of this configuration, to change some by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy with another seed. */
    public GrokConfig withSeed(long s) {
        return new GrokConfig(preset, task, s, model, optimiser, schedule, monitor, threads);
    }

    /** Changes fields by name; {@link #build()} validates the result. */
    public static final class Builder {
        private String preset;
        private int p, operands, examples, layers, dModel, heads, dMlp, batch, warmupSteps, maxSteps, stopAfterGrok,
                evalEvery, checkpointEvery, probeSize, threads;
        private double trainFraction, initScale, lr, weightDecay, beta1, beta2, eps;
        private boolean layerNorm;
        private long seed;

        private Builder(GrokConfig c) {
            preset = c.preset;
            p = c.task.p();
            operands = c.task.operands();
            trainFraction = c.task.trainFraction();
            examples = c.task.examples();
            seed = c.seed;
            layers = c.model.layers();
            dModel = c.model.dModel();
            heads = c.model.heads();
            dMlp = c.model.dMlp();
            layerNorm = c.model.layerNorm();
            initScale = c.model.initScale();
            lr = c.optimiser.lr();
            weightDecay = c.optimiser.weightDecay();
            beta1 = c.optimiser.beta1();
            beta2 = c.optimiser.beta2();
            eps = c.optimiser.eps();
            batch = c.schedule.batch();
            warmupSteps = c.schedule.warmupSteps();
            maxSteps = c.schedule.maxSteps();
            stopAfterGrok = c.schedule.stopAfterGrok();
            evalEvery = c.monitor.evalEvery();
            checkpointEvery = c.monitor.checkpointEvery();
            probeSize = c.monitor.probeSize();
            threads = c.threads;
        }

        /** Preset label. */
        public Builder preset(String v) { preset = v; return this; }
        /** Modulus p. */
        public Builder p(int v) { p = v; return this; }
        /** Number of operands k. */
        public Builder operands(int v) { operands = v; return this; }
        /** Train fraction. */
        public Builder trainFraction(double v) { trainFraction = v; return this; }
        /** Sample size (0 = all p^k sequences). */
        public Builder examples(int v) { examples = v; return this; }
        /** Seed. */
        public Builder seed(long v) { seed = v; return this; }
        /** Blocks. */
        public Builder layers(int v) { layers = v; return this; }
        /** Residual width. */
        public Builder dModel(int v) { dModel = v; return this; }
        /** Heads per block. */
        public Builder heads(int v) { heads = v; return this; }
        /** MLP width. */
        public Builder dMlp(int v) { dMlp = v; return this; }
        /** LayerNorm on or off. */
        public Builder layerNorm(boolean v) { layerNorm = v; return this; }
        /** Initial-weight scale. */
        public Builder initScale(double v) { initScale = v; return this; }
        /** Learning rate. */
        public Builder lr(double v) { lr = v; return this; }
        /** Weight decay. */
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        /** AdamW β₁. */
        public Builder beta1(double v) { beta1 = v; return this; }
        /** AdamW β₂. */
        public Builder beta2(double v) { beta2 = v; return this; }
        /** AdamW ε. */
        public Builder eps(double v) { eps = v; return this; }
        /** Minibatch size (0 = full batch). */
        public Builder batch(int v) { batch = v; return this; }
        /** Warm-up steps. */
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        /** Step budget. */
        public Builder maxSteps(int v) { maxSteps = v; return this; }
        /** Early-stop margin (negative: never). */
        public Builder stopAfterGrok(int v) { stopAfterGrok = v; return this; }
        /** Evaluation cadence. */
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        /** Checkpoint cadence. */
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        /** Probe-set size. */
        public Builder probeSize(int v) { probeSize = v; return this; }
        /** PyTorch threads. */
        public Builder threads(int v) { threads = v; return this; }

        /** The configuration; {@link InvalidInputException} with a one-line message when a value is out of range. */
        public GrokConfig build() {
            return new GrokConfig(preset, new Task(p, operands, trainFraction, examples), seed,
                    new Model(layers, dModel, heads, dMlp, layerNorm, initScale),
                    new Optimiser(lr, weightDecay, beta1, beta2, eps),
                    new Schedule(batch, warmupSteps, maxSteps, stopAfterGrok),
                    new Monitor(evalEvery, checkpointEvery, probeSize), threads);
        }
    }
}
