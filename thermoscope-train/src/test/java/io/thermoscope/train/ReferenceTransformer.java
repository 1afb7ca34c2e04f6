package io.thermoscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The reference for {@link BatchedTransformer}: the engine of the previous release, one run, one tensor per
 * parameter, no pruning. A decoder-only transformer written from NDArray operations, so that every attention energy is observable:
 * token (row lookup) + learned position embeddings; L blocks of causal multi-head attention with explicit energies
 * E = −q·k and structural temperature T = √d_k (scores = q·kᵀ/T = −E/T), then a ReLU MLP; residual stream
 * throughout. LayerNorm placement is pre-LN (x + Attn(LN(x)), x + MLP(LN(x)), final LN before the unembedding)
 * when {@link GrokConfig.Model#layerNorm()} is on, and no normalisation at all when it is off (Nanda et al. 2023).
 * Logits over the p answers are read at the last position ("=").
 *
 * <p>Parameters are float32 arrays owned by the manager passed in; they carry gradients. Initialisation is
 * Gaussian from a seeded {@link SplittableRandom} (std 1/√fan_in, biases 0, LayerNorm gains 1), so it is
 * identical on every machine.
 */
final class ReferenceTransformer {
    private final GrokConfig cfg;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final NDArray mask, temperature, lnEps;

    /** Builds and initialises the model of {@code cfg} in {@code manager} from the seed's initialisation stream. */
    ReferenceTransformer(GrokConfig cfg, NDManager manager, SplittableRandom init) {
        this.cfg = cfg;
        int d = cfg.model().dModel(), v = cfg.p() + 1, s = cfg.task().sequenceLength(), hd = cfg.model().heads() * cfg.dk();
        gaussian(manager, init, "W_E", new Shape(v, d), cfg.model().initScale() / Math.sqrt(d));
        gaussian(manager, init, "W_pos", new Shape(s, d), cfg.model().initScale() / Math.sqrt(d));
        for (int l = 0; l < cfg.model().layers(); l++) {
            String b = "L" + l + ".";
            if (cfg.model().layerNorm()) {
                constant(manager, b + "ln1.g", new Shape(d), 1f);
                constant(manager, b + "ln1.b", new Shape(d), 0f);
            }
            gaussian(manager, init, b + "W_Q", new Shape(d, hd), cfg.model().initScale() / Math.sqrt(d));
            gaussian(manager, init, b + "W_K", new Shape(d, hd), cfg.model().initScale() / Math.sqrt(d));
            gaussian(manager, init, b + "W_V", new Shape(d, hd), cfg.model().initScale() / Math.sqrt(d));
            gaussian(manager, init, b + "W_O", new Shape(hd, d), cfg.model().initScale() / Math.sqrt(hd));
            if (cfg.model().layerNorm()) {
                constant(manager, b + "ln2.g", new Shape(d), 1f);
                constant(manager, b + "ln2.b", new Shape(d), 0f);
            }
            gaussian(manager, init, b + "W_in", new Shape(d, cfg.model().dMlp()), cfg.model().initScale() / Math.sqrt(d));
            constant(manager, b + "b_in", new Shape(cfg.model().dMlp()), 0f);
            gaussian(manager, init, b + "W_out", new Shape(cfg.model().dMlp(), d), cfg.model().initScale() / Math.sqrt(cfg.model().dMlp()));
            constant(manager, b + "b_out", new Shape(d), 0f);
        }
        if (cfg.model().layerNorm()) {
            constant(manager, "lnf.g", new Shape(d), 1f);
            constant(manager, "lnf.b", new Shape(d), 0f);
        }
        gaussian(manager, init, "W_U", new Shape(d, cfg.p()), cfg.model().initScale() / Math.sqrt(d));
        for (NDArray a : params.values()) a.setRequiresGradient(true);
        float[] m = new float[s * s];
        for (int i = 0; i < s; i++) for (int j = i + 1; j < s; j++) m[i * s + j] = -1e9f; // causal mask: j > i
        mask = manager.create(m, new Shape(s, s));
        temperature = manager.create((float) Math.sqrt(cfg.dk())); // constants kept by autograd live with the model
        lnEps = manager.create(1e-5f);
    }

    /** The parameters by name, in a fixed order (the checkpoint order). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** The configuration this model was built from. */
    public GrokConfig config() {
        return cfg;
    }

    /** Per-layer queries and keys captured during a forward pass: q[l], k[l] shaped [B × H × 3 × d_k]. */
    public record Capture(List<float[]> q, List<float[]> k) {}

    /**
     * Logits [B × p] at the last position for token ids {@code x} [B × 3] (int64); the intermediate arrays
     * live in {@code x}'s manager. When {@code capture} is non-null each layer's q and k are copied into it.
     */
    public NDArray forward(NDArray x, Capture capture) {
        int b = (int) x.getShape().get(0), s = cfg.task().sequenceLength(), h = cfg.model().heads(), dk = cfg.dk();
        NDArray resid = Embedding.embedding(x, params.get("W_E"), SparseFormat.DENSE).singletonOrThrow()
                .add(params.get("W_pos"));
        for (int l = 0; l < cfg.model().layers(); l++) {
            String p = "L" + l + ".";
            NDArray a = cfg.model().layerNorm() ? layerNorm(resid, p + "ln1") : resid;
            NDArray q = heads(a.matMul(params.get(p + "W_Q")), b, s, h, dk);
            NDArray k = heads(a.matMul(params.get(p + "W_K")), b, s, h, dk);
            NDArray v = heads(a.matMul(params.get(p + "W_V")), b, s, h, dk);
            if (capture != null) {
                capture.q().add(q.toFloatArray());
                capture.k().add(k.toFloatArray());
            }
            // scores = q·kᵀ/T = −E/T with energies E = −q·k (Eq. 7); softmax = Boltzmann weights (Eq. 22)
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(temperature).add(mask);
            NDArray z = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, s, (long) h * dk);
            resid = resid.add(z.matMul(params.get(p + "W_O")));
            NDArray m = cfg.model().layerNorm() ? layerNorm(resid, p + "ln2") : resid;
            NDArray hidden = Activation.relu(m.matMul(params.get(p + "W_in")).add(params.get(p + "b_in")));
            resid = resid.add(hidden.matMul(params.get(p + "W_out")).add(params.get(p + "b_out")));
        }
        NDArray last = resid.get(":, -1, :");
        if (cfg.model().layerNorm()) last = layerNorm(last, "lnf");
        return last.matMul(params.get("W_U"));
    }

    /** [B × S × H·d_k] → [B × H × S × d_k]. */
    private static NDArray heads(NDArray a, int b, int s, int h, int dk) {
        return a.reshape(b, s, h, dk).transpose(0, 2, 1, 3);
    }

    /** LayerNorm over the last axis with learned gain and bias, ε = 1e-5. */
    private NDArray layerNorm(NDArray x, String name) {
        NDArray mu = x.mean(new int[] {-1}, true);
        NDArray c = x.sub(mu);
        NDArray var = c.square().mean(new int[] {-1}, true);
        return c.div(var.add(lnEps).sqrt()).mul(params.get(name + ".g")).add(params.get(name + ".b"));
    }

    private void gaussian(NDManager manager, SplittableRandom rng, String name, Shape shape, double std) {
        float[] w = new float[(int) shape.size()];
        for (int i = 0; i < w.length; i++) w[i] = (float) (std * rng.nextGaussian());
        params.put(name, manager.create(w, shape));
    }

    private void constant(NDManager manager, String name, Shape shape, float value) {
        float[] w = new float[(int) shape.size()];
        java.util.Arrays.fill(w, value);
        params.put(name, manager.create(w, shape));
    }
}
