package io.thermoscope.train.lm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.thermoscope.InvalidInputException;
import io.thermoscope.io.Json;
import io.thermoscope.train.Checkpoint;
import io.thermoscope.train.TorchRuntime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained decoder read back from its run directory's checkpoint: the configuration, the weights by name, and the
 * trainer's own forward pass (the reference the ONNX export is compared with).
 */
public final class TrainedDecoder implements AutoCloseable {
    private final LmConfig config;
    private final Map<String, float[]> weights;
    private final NDManager manager;
    private final CausalLm model;

    private TrainedDecoder(LmConfig config, Map<String, float[]> weights, NDManager manager, CausalLm model) {
        this.config = config;
        this.weights = weights;
        this.manager = manager;
        this.model = model;
    }

    /** Reads {@code runDir/checkpoint.bin} (one-line errors for a missing, corrupt or foreign file). */
    public static TrainedDecoder load(Path runDir) {
        Checkpoint ck = Checkpoint.read(runDir.resolve(LmRun.CHECKPOINT));
        LmConfig cfg;
        try {
            cfg = Json.mapper().readValue(ck.metadataJson(), LmConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(runDir.resolve(LmRun.CHECKPOINT) + " is not a language-model checkpoint: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        NDManager manager = TorchRuntime.start(cfg.threads()).newBaseManager();
        CausalLm model = new CausalLm(cfg.model(), manager, new SplittableRandom(0));
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (var e : model.parameters().entrySet()) {
            boolean stored = ck.layout().entries().stream().anyMatch(x -> x.name().equals(e.getKey()));
            float[] w = stored ? ck.layout().slice(ck.params(), 0, e.getKey()) : null;
            if (w == null || w.length != e.getValue().size()) {
                manager.close();
                throw new InvalidInputException("the checkpoint in " + runDir + " does not match its configuration: " + e.getKey());
            }
            e.getValue().set(w);
            weights.put(e.getKey(), w);
        }
        return new TrainedDecoder(cfg, weights, manager, model);
    }

    /** The run's configuration. */
    public LmConfig config() {
        return config;
    }

    /** The weights by name, as the trainer names them. */
    public Map<String, float[]> weights() {
        return weights;
    }

    /** The RoPE tables of the model. */
    public RopeTables rope() {
        return RopeTables.of(config.model());
    }

    /** The trainer's logits [n][256] for byte ids (1 … context of them). */
    public float[][] logits(long[] ids) {
        int n = ids.length;
        if (n < 1 || n > config.model().context()) {
            throw new InvalidInputException("input must hold 1 … " + config.model().context() + " bytes, got " + n);
        }
        try (NDManager sc = manager.newSubManager()) {
            float[] flat = model.forward(sc.create(ids, new Shape(1, n))).toFloatArray();
            float[][] out = new float[n][LmConfig.VOCAB];
            for (int i = 0; i < n; i++) System.arraycopy(flat, i * LmConfig.VOCAB, out[i], 0, LmConfig.VOCAB);
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
