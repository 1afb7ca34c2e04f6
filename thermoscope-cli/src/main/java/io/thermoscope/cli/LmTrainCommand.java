package io.thermoscope.cli;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.corpus.CorpusSource;
import io.thermoscope.reproduce.DecoderRuns;
import io.thermoscope.train.lm.LmConfig;
import io.thermoscope.train.lm.LmSummary;
import io.thermoscope.train.lm.NGramBaselines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code thermoscope lm train}: trains (or resumes) a decoder and exports it as model.onnx + tokenizer.json. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a byte-level causal transformer (tokens = UTF-8 bytes; RoPE; pre-LN; GELU MLP;",
                "attention energies E = -q.k at T = sqrt(d_k)) with AdamW on random windows of the training",
                "documents, holding out a seeded 10% of the documents. Reports validation bits per byte",
                "against an add-one unigram and interpolated Kneser-Ney n-grams (orders 2-5) counted by",
                "the project on the same split and scored on the same windows. Writes DIR/config.json,",
                "metrics.csv, checkpoint.bin (--resume continues a killed run bit for bit), summary.json,",
                "samples.json, and the decoder as DIR/model.onnx + DIR/tokenizer.json (usable as --model).",
                "Presets: tiny (seconds), small (the quick report), full (hours), depth (L = 2, d 64)."},
        footer = {"", "Examples:", "  thermoscope lm train --corpus brown --preset small --out results/lm-small",
                "  thermoscope lm train --corpus my-texts/ --preset small --context 64 --out runs/mine"})
public final class LmTrainCommand implements Callable<Integer>, WritesAsItGoes {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", defaultValue = "brown", paramLabel = "brown|DIR",
            description = "The Brown corpus (fetched once into the cache) or a directory of UTF-8 text files "
                    + "(default ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--preset", defaultValue = "small", paramLabel = "NAME",
            description = "tiny | small | full | depth (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (required; one process at a time).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in DIR from its last checkpoint.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the initialisation and batches.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (bitwise results for a fixed value).")
    Integer threads;

    @Option(names = "--layers", paramLabel = "L", description = "Blocks.")
    Integer layers;

    @Option(names = "--d-model", paramLabel = "D", description = "Residual width (MLP 4x); with --heads.")
    Integer dModel;

    @Option(names = "--heads", paramLabel = "H", description = "Heads per block (d_k = d_model/H, even).")
    Integer heads;

    @Option(names = "--context", paramLabel = "N", description = "Context length in bytes.")
    Integer context;

    @Option(names = "--steps", paramLabel = "N", description = "Optimiser steps.")
    Integer steps;

    @Option(names = "--lr", paramLabel = "ETA", description = "Peak learning rate.")
    Double lr;

    @Option(names = "--print-config", description = "Print the resolved configuration as JSON and exit.")
    boolean printConfig;

    LmConfig config() {
        LmConfig c = LmConfig.preset(preset, seed);
        LmConfig.Architecture a = c.model();
        if (dModel != null || heads != null) a = a.withWidth(dModel != null ? dModel : a.dModel(), heads != null ? heads : a.heads());
        if (layers != null) a = a.withLayers(layers);
        if (context != null) a = a.withContext(context);
        c = c.withModel(a);
        if (steps != null) c = c.withSchedule(c.schedule().withSteps(steps));
        if (lr != null) c = c.withOptimiser(c.optimiser().withLr(lr));
        if (threads != null) c = c.withThreads(threads);
        return c;
    }

    @Override
    public Integer call() {
        LmConfig cfg = config();
        PrintWriter w = spec.commandLine().getOut();
        if (printConfig) {
            w.print(cfg.toJson());
            w.flush();
            return 0;
        }
        if (out == null) throw new InvalidInputException("--out DIR is required");
        PrintWriter err = spec.commandLine().getErr();
        Corpus docs = source(corpus).load(err::println).requireUsable();
        ProgressBar bar = ProgressBar.onStderr("lm " + cfg.preset(), cfg.schedule().steps(), err);
        LmSummary s = DecoderRuns.trainAndExport(cfg, docs, out, resume, (step, steps, last) -> bar.update(step,
                String.format(Locale.ROOT, "%.0f tokens/s  val %.3f bits/byte", last.tokensPerSecond(), last.valBpb())),
                Main.invocation());
        bar.finish(String.format(Locale.ROOT, "%d steps", s.steps()));
        w.println(summary(s));
        w.println("wrote " + out.resolve(DecoderRuns.ONNX) + ", tokenizer.json, summary.json, samples.json, metrics.csv, checkpoint.bin");
        w.flush();
        return 0;
    }

    /** "brown" or a directory. */
    static CorpusSource source(String spec) {
        return spec.equalsIgnoreCase("brown") ? new CorpusSource.Brown() : new CorpusSource.Directory(Path.of(spec));
    }

    static String summary(LmSummary s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%s: L=%d d=%d heads=%d context=%d, %d parameters, %d tokens in %.0f s (%.0f tokens/s)%n"
                        + "validation %.4f bits/byte on %d bytes of %d held-out documents; n-gram baselines on the same windows: unigram %.4f",
                s.preset(), s.layers(), s.dModel(), s.heads(), s.context(), s.parameters(), s.tokens(), s.trainSeconds(),
                s.tokensPerSecond(), s.valBpb(), s.validationTokens(), s.documents().size(), s.baselines().unigram()));
        for (NGramBaselines.Order o : s.baselines().kneserNey()) {
            b.append(String.format(Locale.ROOT, ", KN-%d %.4f", o.order(), o.bitsPerByte()));
        }
        NGramBaselines.Order best = s.baselines().best();
        b.append(String.format(Locale.ROOT, "%n%s the best n-gram (KN-%d, %.4f bits/byte)",
                s.beatsBestNGram() ? "beats" : "does not beat", best.order(), best.bitsPerByte()));
        return b.toString();
    }
}
