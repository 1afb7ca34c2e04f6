package io.thermoscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * S decoder-only transformers of one shape as a single batched model, written from NDArray operations so that
 * every attention energy is observable: token (row lookup) + learned position embeddings; L blocks of causal
 * multi-head attention with energies E = −q·k and structural temperature T = √d_k (scores q·kᵀ/T = −E/T), then a
 * ReLU MLP; residual stream throughout; pre-LN blocks plus a final LN when {@link GrokConfig.Model#layerNorm()},
 * no normalisation at all otherwise (Nanda et al. 2023). Logits over the p answers are read at the last position
 * ("=").
 *
 * <p>Every parameter of every run lives in one flat float32 buffer ({@link ParameterLayout}, run-major), so a step
 * computes each layer of all S runs with one batched matmul ([S, …] weights), and the optimiser updates all of it
 * with one chain of operations ({@link FlatAdamW}). The training forward is pruned: the logits need only the last
 * position of the last block, so there only the "=" query, its attention output, W_O, the MLP and the unembedding
 * are computed (keys and values still cover every position). The monitor's forward ({@link #capture}) is complete.
 *
 * <p>Every constant an operation of the forward pass keeps for the backward pass (the temperature, LayerNorm's ε,
 * the causal mask) is a tensor owned by this model, never a Java number: DJL's {@code NDArray.div(Number)} (and
 * {@code mul}, {@code add}, …) wraps the number in a tensor over a Java direct buffer and closes it as soon as the
 * forward operation returns, while autograd keeps that tensor for the backward pass; once the JVM's garbage
 * collector has freed the buffer and the memory is reused, the backward pass reads garbage. That was the cause of
 * the earlier release's runs that diverged at random steps, more often under load (docs/benchmarks.md).
 *
 * <p>Initialisation: per run, Gaussian from that run's seeded {@link SplittableRandom} (std initScale/√fan_in,
 * biases 0, LayerNorm gains 1), identical on every machine and independent of the other runs in the batch.
 */
public final class BatchedTransformer {
    private final GrokConfig.Model shape;
    private final int runs, vocab, answers, seq;
    private final ParameterLayout layout;
    private final NDArray mask, temperature, lnEps;

    /** The model for S = {@code runs} runs of {@code cfg}'s shape; {@code manager} owns the causal mask. */
    public BatchedTransformer(GrokConfig cfg, int runs, NDManager manager) {
        this.shape = cfg.model();
        this.runs = runs;
        this.vocab = cfg.task().vocabulary();
        this.answers = cfg.task().p();
        this.seq = cfg.task().sequenceLength();
        this.layout = ParameterLayout.of(runs, shape.dModel(), shapes(cfg));
        float[] m = new float[seq * seq];
        for (int i = 0; i < seq; i++) for (int j = i + 1; j < seq; j++) m[i * seq + j] = -1e9f; // causal: j > i
        mask = manager.create(m, new Shape(seq, seq));
        temperature = manager.create((float) Math.sqrt(shape.dk())); // structural temperature T = √d_k (Eq. 9)
        lnEps = manager.create(1e-5f);
    }

    /** Parameter names and per-run shapes, in buffer (and initialisation) order; W_E first (embedding rows). */
    static Map<String, long[]> shapes(GrokConfig cfg) {
        GrokConfig.Model s = cfg.model();
        int d = s.dModel(), hd = s.heads() * s.dk();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put("W_E", new long[] {cfg.task().vocabulary(), d});
        out.put("W_pos", new long[] {cfg.task().sequenceLength(), d});
        for (int l = 0; l < s.layers(); l++) {
            String b = "L" + l + ".";
            if (s.layerNorm()) {
                out.put(b + "ln1.g", new long[] {d});
                out.put(b + "ln1.b", new long[] {d});
            }
            out.put(b + "W_Q", new long[] {d, hd});
            out.put(b + "W_K", new long[] {d, hd});
            out.put(b + "W_V", new long[] {d, hd});
            out.put(b + "W_O", new long[] {hd, d});
            if (s.layerNorm()) {
                out.put(b + "ln2.g", new long[] {d});
                out.put(b + "ln2.b", new long[] {d});
            }
            out.put(b + "W_in", new long[] {d, s.dMlp()});
            out.put(b + "b_in", new long[] {s.dMlp()});
            out.put(b + "W_out", new long[] {s.dMlp(), d});
            out.put(b + "b_out", new long[] {d});
        }
        if (s.layerNorm()) {
            out.put("lnf.g", new long[] {d});
            out.put("lnf.b", new long[] {d});
        }
        out.put("W_U", new long[] {d, cfg.task().p()});
        return out;
    }

    /** Where every parameter lives in the flat buffer. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The shape of every run. */
    public GrokConfig.Model shape() {
        return shape;
    }

    /**
     * The initial flat buffer [S · perRun]: run s drawn from {@code init.get(s)} with std {@code initScale[s]}/√fan_in
     * (Gaussian weights; biases and LayerNorm offsets 0; gains 1; padding 0).
     */
    public float[] initialParameters(List<SplittableRandom> init, double[] initScale) {
        float[] flat = new float[Math.toIntExact(layout.total())];
        for (int s = 0; s < runs; s++) {
            SplittableRandom rng = init.get(s);
            for (ParameterLayout.Entry e : layout.entries()) {
                int from = Math.toIntExact(s * layout.perRun() + e.offset()), n = Math.toIntExact(e.size());
                String name = e.name();
                if (name.endsWith(".g")) {
                    java.util.Arrays.fill(flat, from, from + n, 1f);
                } else if (name.startsWith("W_") || name.contains(".W_")) {
                    // std = scale/√fan_in: weights are [in, out]; the embeddings W_E, W_pos use 1/√d_model
                    long fanIn = name.equals("W_E") || name.equals("W_pos") ? shape.dModel() : e.shape()[0];
                    double std = initScale[s] / Math.sqrt(fanIn);
                    for (int i = 0; i < n; i++) flat[from + i] = (float) (std * rng.nextGaussian());
                }
            }
        }
        return flat;
    }

    /** Queries and keys of every layer captured by {@link #capture}: [S × B × H × seq × d_k] each, row-major. */
    public record Capture(List<float[]> q, List<float[]> k) {}

    /**
     * Training forward: logits [S × B × p] at the last position for token ids {@code x} [S × B × seq] (int64, each
     * already offset to its run's embedding rows, see {@link #embeddingRowOffset}); pruned in the last block.
     * {@code params} is the flat buffer; intermediates live in {@code x}'s manager.
     */
    public NDArray forward(NDArray params, NDArray x) {
        return run(params, x, null);
    }

    /** Complete (unpruned) forward that copies every layer's q and k into the returned capture; logits discarded. */
    public Capture capture(NDArray params, NDArray x) {
        Capture c = new Capture(new ArrayList<>(), new ArrayList<>());
        run(params, x, c);
        return c;
    }

    /** Row of run {@code s}'s token 0 in the flat buffer read as rows of d_model (add the token id). */
    public long embeddingRowOffset(int s) {
        return layout.rowOf(s, "W_E");
    }

    private NDArray run(NDArray params, NDArray x, Capture capture) {
        Map<String, NDArray> w = layout.views(params);
        int b = (int) x.getShape().get(1), s = seq, h = shape.heads(), dk = shape.dk(), d = shape.dModel();
        int hd = h * dk;
        NDArray rows = params.reshape(-1, d);
        NDArray resid = Embedding.embedding(x, rows, SparseFormat.DENSE).singletonOrThrow()
                .add(w.get("W_pos").reshape(runs, 1, s, d));                       // [S, B, seq, d]
        NDArray last = null;
        for (int l = 0; l < shape.layers(); l++) {
            String p = "L" + l + ".";
            boolean pruned = capture == null && l == shape.layers() - 1;
            NDArray a = shape.layerNorm() ? layerNorm(resid, w, p + "ln1", 2) : resid;
            NDArray flat = a.reshape(runs, (long) b * s, d);
            if (pruned) {
                // keys and values at every position, in [S, B, seq, H, d_k] (no transposes: the one query is
                // broadcast and its products summed element-wise)
                NDArray k = flat.matMul(w.get(p + "W_K")).reshape(runs, b, s, h, dk);
                NDArray v = flat.matMul(w.get(p + "W_V")).reshape(runs, b, s, h, dk);
                NDArray aq = a.get(":, :, -1, :");                                    // the "=" position [S, B, d]
                NDArray q = aq.matMul(w.get(p + "W_Q")).reshape(runs, b, 1, h, dk);
                // scores = q·k/T = −E/T with energies E = −q·k (Eq. 7); softmax over keys = Boltzmann weights (Eq. 22)
                NDArray scores = q.mul(k).sum(new int[] {-1}, true).div(temperature);  // [S, B, seq, H, 1]
                NDArray z = scores.softmax(2).mul(v).sum(new int[] {2}).reshape(runs, b, hd);
                NDArray r = resid.get(":, :, -1, :").add(z.matMul(w.get(p + "W_O")));   // [S, B, d]
                last = mlp(r, w, p, 1);
            } else {
                NDArray k = heads(flat.matMul(w.get(p + "W_K")), b, s, h, dk);           // [S, B, H, seq, dk]
                NDArray v = heads(flat.matMul(w.get(p + "W_V")), b, s, h, dk);
                NDArray q = heads(flat.matMul(w.get(p + "W_Q")), b, s, h, dk);
                if (capture != null) {
                    capture.q().add(q.toFloatArray());
                    capture.k().add(k.toFloatArray());
                }
                // scores = q·kᵀ/T = −E/T with energies E = −q·k (Eq. 7), causal mask; softmax (Eq. 22)
                NDArray scores = q.matMul(k.transpose(0, 1, 2, 4, 3)).div(temperature).add(mask);
                NDArray z = scores.softmax(-1).matMul(v).transpose(0, 1, 3, 2, 4).reshape(runs, (long) b * s, hd);
                resid = mlp(resid.add(z.matMul(w.get(p + "W_O")).reshape(runs, b, s, d)), w, p, 2);
            }
        }
        if (last == null) last = resid.get(":, :, -1, :");
        if (shape.layerNorm()) last = layerNorm(last, w, "lnf", 1);
        return last.matMul(w.get("W_U"));                                             // [S, B, p]
    }

    /** r + W_out·ReLU(W_in·LN(r) + b_in) + b_out on [S, B, (seq,) d]; {@code inner} = number of axes between S and d. */
    private NDArray mlp(NDArray r, Map<String, NDArray> w, String p, int inner) {
        NDArray m = shape.layerNorm() ? layerNorm(r, w, p + "ln2", inner) : r;
        long[] rs = r.getShape().getShape();
        long n = 1;
        for (int i = 1; i < rs.length - 1; i++) n *= rs[i];
        NDArray flat = m.reshape(runs, n, shape.dModel());
        NDArray hidden = Activation.relu(flat.matMul(w.get(p + "W_in")).add(w.get(p + "b_in").reshape(runs, 1, shape.dMlp())));
        NDArray out = hidden.matMul(w.get(p + "W_out")).add(w.get(p + "b_out").reshape(runs, 1, shape.dModel()));
        return r.add(out.reshape(rs));
    }

    /** [S, B·seq, H·d_k] → [S, B, H, seq, d_k]. */
    private NDArray heads(NDArray a, int b, int s, int h, int dk) {
        return a.reshape(runs, b, s, h, dk).transpose(0, 1, 3, 2, 4);
    }

    /** LayerNorm over the last axis with learned gain and bias, ε = 1e-5; {@code inner} axes between S and d. */
    private NDArray layerNorm(NDArray x, Map<String, NDArray> w, String name, int inner) {
        long[] bshape = new long[inner + 2];
        java.util.Arrays.fill(bshape, 1);
        bshape[0] = runs;
        bshape[inner + 1] = shape.dModel();
        NDArray mu = x.mean(new int[] {-1}, true);
        NDArray c = x.sub(mu);
        NDArray var = c.square().mean(new int[] {-1}, true);
        return c.div(var.add(lnEps).sqrt()).mul(w.get(name + ".g").reshape(bshape)).add(w.get(name + ".b").reshape(bshape));
    }

    /** Number of answer classes p. */
    public int answers() {
        return answers;
    }

    /** Vocabulary p + 1. */
    public int vocabulary() {
        return vocab;
    }
}
