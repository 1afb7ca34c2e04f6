package io.thermoscope.train.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.thermoscope.rope.RotaryEmbedding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A byte-level causal decoder written from NDArray operations, so that every attention energy is readable off the
 * code: token embedding (row lookup, no position table); L pre-LN blocks x + Attn(LN(x)), x + MLP(LN(x)); a final
 * LayerNorm and an untied unembedding to 256 byte logits. Attention: per head q = RoPE(x W_Q), k = RoPE(x W_K) with
 * the interleaved rotation of {@link RotaryEmbedding} (pairs (2i, 2i+1) at angle m·θ_i, Eq. 33); energies
 * E_mn = −q_m·k_n (Eq. 7), structural temperature T = √d_k (Eq. 9), scores = −E/T = q·kᵀ/T plus the causal mask
 * (−10⁹ on keys n &gt; m), softmax = Boltzmann weights (Eq. 22). MLP: GELU (erf form) between W_in and W_out.
 *
 * <p>Parameters are float32 arrays owned by the manager passed in and carry gradients; initialisation is Gaussian
 * from a seeded {@link SplittableRandom} (std 0.02; W_O and W_out scaled by 1/√(2L)), biases 0, LayerNorm gains 1.
 * The parameter names are the checkpoint's and the ONNX export's.
 */
public final class CausalLm {
    /** Added to the scores of keys after the query: exp underflows to exactly 0 in float32. */
    public static final float MASKED = -1e9f;
    /** LayerNorm ε. */
    public static final float LN_EPS = 1e-5f;

    private final LmConfig.Architecture arch;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    /**
     * Every constant the forward pass hands to autograd is a tensor owned by the model, never a Java number: DJL's
     * {@code div(Number)}, {@code add(Number)}, … wrap the number in a tensor over a direct buffer that is freed when
     * the forward operation returns while the backward pass still reads it (found by the issue-13 helper: runs that
     * diverged at random steps, more often under load).
     */
    private final NDArray cos, sin, sign, mask, temperature, lnEps;

    /** Builds and initialises the decoder of {@code arch} in {@code manager} from the initialisation stream. */
    public CausalLm(LmConfig.Architecture arch, NDManager manager, SplittableRandom init) {
        this.arch = arch;
        int d = arch.dModel(), v = LmConfig.VOCAB;
        double std = 0.02, residual = std / Math.sqrt(2.0 * arch.layers());
        gaussian(manager, init, "W_E", new Shape(v, d), std);
        for (int l = 0; l < arch.layers(); l++) {
            String b = "L" + l + ".";
            constant(manager, b + "ln1.g", new Shape(d), 1f);
            constant(manager, b + "ln1.b", new Shape(d), 0f);
            gaussian(manager, init, b + "W_Q", new Shape(d, d), std);
            gaussian(manager, init, b + "W_K", new Shape(d, d), std);
            gaussian(manager, init, b + "W_V", new Shape(d, d), std);
            gaussian(manager, init, b + "W_O", new Shape(d, d), residual);
            constant(manager, b + "ln2.g", new Shape(d), 1f);
            constant(manager, b + "ln2.b", new Shape(d), 0f);
            gaussian(manager, init, b + "W_in", new Shape(d, arch.dMlp()), std);
            constant(manager, b + "b_in", new Shape(arch.dMlp()), 0f);
            gaussian(manager, init, b + "W_out", new Shape(arch.dMlp(), d), residual);
            constant(manager, b + "b_out", new Shape(d), 0f);
        }
        constant(manager, "lnf.g", new Shape(d), 1f);
        constant(manager, "lnf.b", new Shape(d), 0f);
        gaussian(manager, init, "W_U", new Shape(d, v), std);
        for (NDArray a : params.values()) a.setRequiresGradient(true);
        RopeTables t = RopeTables.of(arch);
        int c = arch.context(), dk = arch.dk();
        cos = manager.create(t.cos(), new Shape(c, dk));
        sin = manager.create(t.sin(), new Shape(c, dk));
        sign = manager.create(t.sign(), new Shape(2));
        float[] m = new float[c * c];
        for (int i = 0; i < c; i++) for (int j = i + 1; j < c; j++) m[i * c + j] = MASKED; // causal mask: key j > query i
        mask = manager.create(m, new Shape(c, c));
        temperature = manager.create((float) Math.sqrt(arch.dk())); // structural temperature T = √d_k (Eq. 9)
        lnEps = manager.create(LN_EPS);
    }

    /** The parameters by name, in a fixed order (the checkpoint order). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** The decoder's shape. */
    public LmConfig.Architecture architecture() {
        return arch;
    }

    /** Whether a parameter is decayed by AdamW: the weight matrices (not embeddings, gains or biases). */
    public static boolean decayed(String name) {
        return name.contains("W_") && !name.equals("W_E");
    }

    /**
     * Logits [B × S × 256] for byte ids {@code x} [B × S] (int64, S ≤ context); intermediates live in {@code x}'s
     * manager. (The analyses read the attention of the ONNX export, as of any user's decoder.)
     */
    public NDArray forward(NDArray x) {
        int b = (int) x.getShape().get(0), s = (int) x.getShape().get(1), h = arch.heads(), dk = arch.dk();
        NDArray cosS = s == arch.context() ? cos : cos.get("0:" + s);
        NDArray sinS = s == arch.context() ? sin : sin.get("0:" + s);
        NDArray maskS = s == arch.context() ? mask : mask.get("0:" + s + ", 0:" + s);
        NDArray resid = Embedding.embedding(x, params.get("W_E"), SparseFormat.DENSE).singletonOrThrow();
        for (int l = 0; l < arch.layers(); l++) {
            String p = "L" + l + ".";
            NDArray a = layerNorm(resid, p + "ln1");
            NDArray q = heads(a.matMul(params.get(p + "W_Q")), b, s, h, dk);
            NDArray k = heads(a.matMul(params.get(p + "W_K")), b, s, h, dk);
            NDArray v = heads(a.matMul(params.get(p + "W_V")), b, s, h, dk);
            NDArray qr = rope(q, cosS, sinS, b, s, h, dk), kr = rope(k, cosS, sinS, b, s, h, dk);
            // scores = q·kᵀ/T = −E/T with energies E = −q·k (Eq. 7); softmax = Boltzmann weights (Eq. 22)
            NDArray scores = qr.matMul(kr.transpose(0, 1, 3, 2)).div(temperature).add(maskS);
            NDArray z = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, s, (long) h * dk);
            resid = resid.add(z.matMul(params.get(p + "W_O")));
            NDArray m = layerNorm(resid, p + "ln2");
            NDArray hidden = Activation.gelu(m.matMul(params.get(p + "W_in")).add(params.get(p + "b_in")));
            resid = resid.add(hidden.matMul(params.get(p + "W_out")).add(params.get(p + "b_out")));
        }
        return layerNorm(resid, "lnf").matMul(params.get("W_U"));
    }

    /**
     * RoPE (Eq. 33) on [B × H × S × d_k]: x·cos + rot(x)·sin with rot(x)_{2i} = −x_{2i+1}, rot(x)_{2i+1} = x_{2i}
     * (the pair rotated by 90°), cos/sin of m·θ_i repeated over each pair.
     */
    private NDArray rope(NDArray x, NDArray cosS, NDArray sinS, int b, int s, int h, int dk) {
        NDArray rot = x.reshape(b, h, s, dk / 2, 2).flip(4).mul(sign).reshape(b, h, s, dk);
        return x.mul(cosS).add(rot.mul(sinS));
    }

    /** [B × S × H·d_k] → [B × H × S × d_k]. */
    private static NDArray heads(NDArray a, int b, int s, int h, int dk) {
        return a.reshape(b, s, h, dk).transpose(0, 2, 1, 3);
    }

    /** LayerNorm over the last axis with learned gain and bias, ε = 1e-5 (biased variance, as PyTorch and ONNX). */
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
