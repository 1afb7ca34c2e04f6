package io.thermoscope.reproduce;

import io.thermoscope.InvalidInputException;
import io.thermoscope.corpus.Corpus;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.models.ByteTokenizer;
import io.thermoscope.models.DecoderExport;
import io.thermoscope.models.ModelSource;
import io.thermoscope.train.lm.ByteCorpus;
import io.thermoscope.train.lm.LmConfig;
import io.thermoscope.train.lm.LmRun;
import io.thermoscope.train.lm.LmSummary;
import io.thermoscope.train.lm.RopeTables;
import io.thermoscope.train.lm.TrainedDecoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained decoder as a user's model: {@link LmRun} trains (or resumes, or reads back) the run, then the checkpoint is
 * exported to {@code model.onnx} (opset 17, {@link DecoderExport}) with a byte-level {@code tokenizer.json} beside
 * it, so that the directory is a {@link ModelSource} like any other ONNX decoder.
 */
public final class DecoderRuns {
    /** File names of the exported model in a run directory. */
    public static final String ONNX = "model.onnx", TOKENIZER = "tokenizer.json";

    private DecoderRuns() {
    }

    /** Trains (or resumes, with {@code resume}) {@code cfg} on {@code corpus} in {@code dir} and exports it. */
    public static LmSummary trainAndExport(LmConfig cfg, Corpus corpus, Path dir, boolean resume, LmRun.Listener listener,
                                           List<String> commandLine) {
        ByteCorpus bytes = ByteCorpus.split(corpus, cfg.split(), cfg.model().context());
        LmSummary summary = LmRun.train(cfg, bytes, dir, resume, listener, commandLine);
        if (!Files.exists(dir.resolve(ONNX)) || !Files.exists(dir.resolve(TOKENIZER))) export(dir);
        return summary;
    }

    /** Writes {@code model.onnx} and {@code tokenizer.json} of the checkpoint in {@code runDir} (atomically). */
    public static void export(Path runDir) {
        try (TrainedDecoder d = TrainedDecoder.load(runDir)) {
            AtomicFiles.write(runDir.resolve(ONNX), DecoderExport.toOnnx(weights(d)));
            AtomicFiles.writeString(runDir.resolve(TOKENIZER), ByteTokenizer.json());
        }
    }

    /** The exporter's view of a trained decoder. */
    static DecoderExport.Weights weights(TrainedDecoder d) {
        LmConfig.Architecture a = d.config().model();
        RopeTables t = d.rope();
        return new DecoderExport.Weights(a.layers(), a.dModel(), a.heads(), a.dMlp(), a.context(), LmConfig.VOCAB,
                d.weights(), t.cos(), t.sin());
    }

    /** The exported decoder of {@code runDir} as a model source (error when it was not exported). */
    public static ModelSource source(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(ONNX))) {
            throw new InvalidInputException("no exported decoder in " + runDir + " (model.onnx missing)");
        }
        return ModelSource.named(runDir.toString());
    }
}
