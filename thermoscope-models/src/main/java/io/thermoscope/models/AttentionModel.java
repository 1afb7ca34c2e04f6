package io.thermoscope.models;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.thermoscope.InvalidInputException;
import io.thermoscope.attention.AttentionPass;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A pretrained ONNX encoder run by ONNX Runtime with its attention exposed ({@link AttentionGraph}) and its
 * HuggingFace tokenizer (DJL, offline). One instance holds one ORT session; {@link #forward} is thread-safe
 * (ORT sessions are), the tokenizer is used read-only.
 */
public final class AttentionModel implements AutoCloseable {

    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    /** Fallback context limit when the graph has no recognisable position-embedding table. */
    public static final int DEFAULT_MAX_POSITIONS = 512;

    private final ModelSource source;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final List<AttentionSite> sites;
    private final String hiddenOutput;
    private final Set<String> requested;
    private final Set<String> requestedScores;
    private final Set<String> inputs;
    private final int maxPositions;
    private final double[][][][] projections;
    private volatile double[][] headRanks;
    /** Output buffers of {@link #withPass}, reused while the sequence length stays the same. */
    private PinnedOutputs pinned;
    private int heads = -1, keyDimension = -1;

    private AttentionModel(ModelSource source, AttentionGraph.Edited edited, OrtEnvironment env, OrtSession session,
                           HuggingFaceTokenizer tokenizer) throws OrtException {
        this.source = source;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.sites = edited.sites();
        this.hiddenOutput = edited.originalOutputs().get(0);
        this.inputs = session.getInputNames();
        Set<String> req = new LinkedHashSet<>();
        req.add(hiddenOutput);
        for (AttentionSite s : sites) {
            req.add(s.scores());
            req.add(s.probabilities());
        }
        this.requested = req;
        Set<String> scoresOnly = new LinkedHashSet<>();
        scoresOnly.add(hiddenOutput);
        for (AttentionSite s : sites) scoresOnly.add(s.scores());
        this.requestedScores = scoresOnly;
        this.projections = edited.projections();
        this.maxPositions = edited.maxPositions() > 0 ? edited.maxPositions() : DEFAULT_MAX_POSITIONS;
        if (!inputs.contains("input_ids")) {
            throw new InvalidInputException("the ONNX model has no 'input_ids' input (inputs: " + inputs + ")");
        }
        for (String in : inputs) {
            if (!FED.contains(in)) {
                throw new InvalidInputException("the ONNX model needs an input '" + in + "' that is not fed (fed: " + FED
                        + "); export the decoder without past key values");
            }
        }
    }

    /** Inputs this class feeds: the ids, an all-ones attention mask, zero token types, positions 0 … n − 1. */
    private static final Set<String> FED = Set.of("input_ids", "attention_mask", "token_type_ids", "position_ids");

    /** Loads, edits and opens {@code source}; bad files give a one-line {@link InvalidInputException}. */
    public static AttentionModel load(ModelSource source) {
        byte[] onnx = source.readOnnx();
        AttentionGraph.Edited edited = AttentionGraph.expose(onnx);
        if (edited.originalOutputs().isEmpty()) throw new InvalidInputException("the ONNX model declares no output");
        HuggingFaceTokenizer tok = tokenizer(source.readTokenizer());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = env.createSession(edited.model(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            tok.close();
            throw new InvalidInputException("ONNX Runtime cannot load the model: " + oneLine(e.getMessage()));
        }
        try {
            return new AttentionModel(source, edited, env, session, tok);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime: " + oneLine(e.getMessage()));
        }
    }

    /** Parses a tokenizer.json (no padding, no truncation: lengths are checked by {@link #tokenize}). */
    static HuggingFaceTokenizer tokenizer(byte[] json) {
        try {
            return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true"));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot parse tokenizer.json: " + oneLine(String.valueOf(e.getMessage())));
        }
    }

    /** Where the model came from. */
    public ModelSource source() {
        return source;
    }

    /** The attention layers found in the graph. */
    public List<AttentionSite> sites() {
        return sites;
    }

    /** Number of attention layers. */
    public int layers() {
        return sites.size();
    }

    /** Longest input the position embeddings allow. */
    public int maxPositions() {
        return maxPositions;
    }

    /** Token ids of {@code text} with the special tokens ([CLS] … [SEP]), not truncated. */
    public long[] tokenize(String text) {
        Encoding e = tokenizer.encode(text, true, false);
        return e.getIds();
    }

    /** The id of the tokenizer's separator token ([SEP]) for closing truncated inputs, or -1. */
    long separatorId() {
        Encoding e = tokenizer.encode("", true, false);
        long[] ids = e.getIds();
        return ids.length >= 2 ? ids[ids.length - 1] : -1;
    }

    /**
     * Token ids of {@code text}, fitted to the model: longer than {@link #maxPositions()} is an error unless
     * {@code truncate}, in which case the ids are cut (keeping [CLS], closing with [SEP]) and a one-line warning goes
     * to {@code warnings} (when not null).
     */
    public long[] fit(String text, boolean truncate, Consumer<String> warnings) {
        long[] ids = tokenize(text);
        if (ids.length <= maxPositions) return ids;
        if (!truncate) {
            throw new InvalidInputException("input has " + ids.length + " tokens but " + source.name()
                    + " allows at most " + maxPositions + " positions; shorten it or pass --truncate");
        }
        long[] cut = java.util.Arrays.copyOf(ids, maxPositions);
        long sep = separatorId();
        if (sep >= 0) cut[maxPositions - 1] = sep;
        if (warnings != null) {
            warnings.accept("warning: input of " + ids.length + " tokens truncated to " + maxPositions);
        }
        return cut;
    }

    /** Runs the model on {@code text} (error when it is too long, see {@link #fit}). */
    public Forward forward(String text) {
        return forward(fit(text, false, null));
    }

    /** Runs the model on token ids (batch 1, attention mask all ones, token types 0). */
    public Forward forward(long[] ids) {
        return forward(ids, true);
    }

    /**
     * Runs the model on token ids; with {@code withProbabilities} false only the scores come back (half the output
     * traffic; {@link Forward#probs()} is then null and the attention is softmax(scores) — the hot path of the atlas).
     */
    public Forward forward(long[] ids, boolean withProbabilities) {
        int n = checkedLength(ids);
        try (OrtSession.Result r = run(ids, withProbabilities ? requested : requestedScores, null)) {
            float[] h = floats(r, hiddenOutput);
            int d = h.length / n;
            float[][] hidden = new float[n][d];
            for (int i = 0; i < n; i++) System.arraycopy(h, i * d, hidden[i], 0, d);
            float[][] scores = new float[sites.size()][];
            float[][] probs = withProbabilities ? new float[sites.size()][] : null;
            int heads = -1;
            for (int l = 0; l < sites.size(); l++) {
                scores[l] = floats(r, sites.get(l).scores());
                if (probs != null) probs[l] = floats(r, sites.get(l).probabilities());
                int hl = scores[l].length / (n * n);
                if (hl * n * n != scores[l].length || (probs != null && probs[l].length != scores[l].length)) {
                    throw new InvalidInputException("attention tensor of layer " + l
                            + " does not have shape [1, heads, " + n + ", " + n + "]");
                }
                if (heads >= 0 && hl != heads) throw new InvalidInputException("layers have different head counts");
                heads = hl;
            }
            return new Forward(ids.clone(), hidden, scores, probs, heads);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed: " + oneLine(e.getMessage()));
        }
    }

    /** The number of ids, refused when zero or beyond the model's positions. */
    private int checkedLength(long[] ids) {
        int n = ids.length;
        if (n == 0) throw new InvalidInputException("empty input: no tokens");
        if (n > maxPositions) {
            throw new InvalidInputException("input has " + n + " tokens but at most " + maxPositions + " are allowed");
        }
        return n;
    }

    /**
     * Runs the model on token ids with every layer's scores and probabilities written by ONNX Runtime straight into
     * direct buffers that are reused from call to call (no copies, no garbage), and applies {@code reader} to the
     * pass. The pass is valid only inside {@code reader}; calls are serialised.
     */
    public synchronized <R> R withPass(long[] ids, Function<AttentionPass, R> reader) {
        int n = checkedLength(ids);
        if (heads < 0) { // learn the head count and d_k from a short copying pass
            Forward f = forward(java.util.Arrays.copyOf(ids, Math.min(n, 8)), false);
            heads = f.heads();
            keyDimension = keyDimension(f.ids());
        }
        if (pinned == null || pinned.n != n) {
            if (pinned != null) pinned.close();
            pinned = new PinnedOutputs(n);
        }
        run(ids, null, pinned.tensors);
        return reader.apply(pinned);
    }

    /** The direct output buffers of one sequence length: [1, heads, n, n] floats per layer, scores and probabilities. */
    private final class PinnedOutputs implements AttentionPass {
        final int n;
        final FloatBuffer[] scores, probs;
        final Map<String, OnnxTensor> tensors = new HashMap<>();

        PinnedOutputs(int n) {
            this.n = n;
            int L = sites.size();
            scores = new FloatBuffer[L];
            probs = new FloatBuffer[L];
            long[] shape = {1, heads, n, n};
            long bytes = 4L * heads * n * n;
            if (bytes > Integer.MAX_VALUE) throw new InvalidInputException("attention of " + n + " tokens is too large");
            try {
                for (int l = 0; l < L; l++) {
                    scores[l] = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    probs[l] = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
                    tensors.put(sites.get(l).scores(), OnnxTensor.createTensor(env, scores[l], shape));
                    tensors.put(sites.get(l).probabilities(), OnnxTensor.createTensor(env, probs[l], shape));
                }
            } catch (OrtException e) {
                close();
                throw new InvalidInputException("ONNX Runtime: " + oneLine(e.getMessage()));
            }
        }

        void close() {
            for (OnnxTensor t : tensors.values()) t.close();
        }

        @Override
        public int layers() {
            return scores.length;
        }

        @Override
        public int heads() {
            return heads;
        }

        @Override
        public int tokens() {
            return n;
        }

        @Override
        public double temperature() {
            return Math.sqrt(keyDimension); // T = √d_k (Eq. 9)
        }

        @Override
        public void scores(int layer, int head, int query, float[] out) {
            scores[layer].get((head * n + query) * n, out, 0, n);
        }

        @Override
        public void probabilities(int layer, int head, int query, float[] out) {
            probs[layer].get((head * n + query) * n, out, 0, n);
        }
    }

    /** One ORT run on {@code ids} (batch 1, mask all ones, token types 0, positions 0 … n − 1) into {@code pinnedOutputs}, or returning {@code wanted}. */
    private OrtSession.Result run(long[] ids, Set<String> wanted, Map<String, OnnxTensor> pinnedOutputs) {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed(ids, 1, feed);
            if (pinnedOutputs != null) {
                session.run(feed, pinnedOutputs).close();
                return null;
            }
            return session.run(feed, wanted);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed: " + oneLine(e.getMessage()));
        } finally {
            for (OnnxTensor t : feed.values()) t.close();
        }
    }

    /**
     * Fills {@code feed} with the inputs of {@code batch} sequences of equal length (ids flat, row-major): the ids, an
     * all-ones attention mask, zero token types, positions 0 … n − 1.
     */
    private void feed(long[] ids, int batch, Map<String, OnnxTensor> feed) throws OrtException {
        int n = ids.length / batch;
        long[] shape = {batch, n};
        feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
        if (inputs.contains("attention_mask")) {
            long[] ones = new long[ids.length];
            java.util.Arrays.fill(ones, 1);
            feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape));
        }
        if (inputs.contains("token_type_ids")) {
            feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
        }
        if (inputs.contains("position_ids")) {
            long[] pos = new long[ids.length];
            for (int i = 0; i < pos.length; i++) pos[i] = i % n;
            feed.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), shape));
        }
    }

    /**
     * The model's first output (a decoder's logits) at the last position of each sequence of {@code batch} (all of
     * one length; attention mask all ones): [sequence][vocabulary]. No attention tensor is copied out.
     */
    public float[][] lastLogits(long[][] batch) {
        int b = batch.length, n = b == 0 ? 0 : batch[0].length;
        if (b == 0 || n == 0 || n > maxPositions) throw new InvalidInputException("need 1 … " + maxPositions + " tokens per sequence");
        long[] flat = new long[b * n];
        for (int i = 0; i < b; i++) {
            if (batch[i].length != n) throw new InvalidInputException("sequences of a batch must have one length");
            System.arraycopy(batch[i], 0, flat, i * n, n);
        }
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed(flat, b, feed);
            try (OrtSession.Result r = session.run(feed, Set.of(hiddenOutput))) {
                float[] all = floats(r, hiddenOutput);
                int v = all.length / (b * n);
                float[][] out = new float[b][v];
                for (int i = 0; i < b; i++) System.arraycopy(all, (i * n + n - 1) * v, out[i], 0, v);
                return out;
            }
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed: " + oneLine(e.getMessage()));
        } finally {
            for (OnnxTensor t : feed.values()) t.close();
        }
    }

    /** The text of token ids (the tokenizer's decoder). */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    /** Whether every attention layer computes its scores from rotary-embedded queries and keys (RoPE found). */
    public boolean rotary() {
        return sites.stream().allMatch(AttentionSite::rotary);
    }

    /**
     * One pass on token ids that returns, per layer, the scores together with the queries and keys before the rotary
     * embedding (error when the graph has no RoPE, see {@link #rotary()}).
     */
    public RotaryPass rotaryPass(long[] ids) {
        if (!rotary()) throw new InvalidInputException("no rotary position embedding was found on the attention scores of " + source.name());
        int n = checkedLength(ids);
        Set<String> want = new LinkedHashSet<>();
        for (AttentionSite s : sites) {
            want.add(s.scores());
            want.add(s.ropeQuery());
            want.add(s.ropeKey());
        }
        try (OrtSession.Result r = run(ids, want, null)) {
            int L = sites.size();
            float[][] scores = new float[L][], q = new float[L][], k = new float[L][];
            int heads = -1, dk = -1;
            for (int l = 0; l < L; l++) {
                AttentionSite s = sites.get(l);
                scores[l] = floats(r, s.scores());
                heads = scores[l].length / (n * n);
                q[l] = headsFirst(r, s.ropeQuery(), heads, n);
                k[l] = headsFirst(r, s.ropeKey(), heads, n);
                dk = q[l].length / (heads * n);
                if (heads * n * n != scores[l].length || q[l].length != k[l].length || dk * heads * n != q[l].length) {
                    throw new InvalidInputException("layer " + l + ": rotary inputs do not match the scores' shape");
                }
            }
            return new RotaryPass(ids.clone(), scores, q, k, heads, dk);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime failed: " + oneLine(e.getMessage()));
        }
    }

    /** A [1, heads, n, d_k] tensor as flat [heads][n][d_k]; a [1, n, heads, d_k] one is transposed. */
    private static float[] headsFirst(OrtSession.Result r, String name, int heads, int n) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new InvalidInputException("ORT returned no output " + name));
        if (!(v instanceof OnnxTensor t)) throw new InvalidInputException("output " + name + " is not a tensor");
        long[] shape = t.getInfo().getShape();
        float[] a = floats(r, name);
        if (shape.length == 4 && shape[1] == heads && shape[2] == n) return a;
        if (shape.length == 4 && shape[1] == n && shape[2] == heads) {
            int dk = (int) shape[3];
            float[] out = new float[a.length];
            for (int i = 0; i < n; i++) {
                for (int h = 0; h < heads; h++) System.arraycopy(a, (i * heads + h) * dk, out, (h * n + i) * dk, dk);
            }
            return out;
        }
        throw new InvalidInputException("rotary input " + name + " has shape " + java.util.Arrays.toString(shape)
                + ", not [1, heads, n, d_k]");
    }

    private static float[] floats(OrtSession.Result r, String name) throws OrtException {
        OnnxValue v = r.get(name).orElseThrow(() -> new InvalidInputException("ORT returned no output " + name));
        if (!(v instanceof OnnxTensor t)) throw new InvalidInputException("output " + name + " is not a tensor");
        FloatBuffer b = t.getFloatBuffer();
        if (b == null) throw new InvalidInputException("output " + name + " is not float32");
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /** The pooled, L2-normalised sentence embedding of {@code text} (the source's pooling; as LangChain4j does). */
    public float[] embed(String text) {
        Forward f = forward(text);
        float[][] h = f.hidden();
        int d = h[0].length;
        double[] v = new double[d];
        if (source.pooling() == ModelSource.Pooling.CLS) {
            for (int j = 0; j < d; j++) v[j] = h[0][j];
        } else {
            for (float[] row : h) for (int j = 0; j < d; j++) v[j] += row[j];
            for (int j = 0; j < d; j++) v[j] /= h.length;
        }
        double norm = 0;
        for (double x : v) norm += x * x;
        norm = Math.sqrt(norm);
        float[] out = new float[d];
        for (int j = 0; j < d; j++) out[j] = (float) (v[j] / norm);
        return out;
    }

    /** Key dimension d_k = hidden size / heads of a forward pass (an encoder, whose first output is its hidden state). */
    public static int keyDimension(Forward f) {
        return f.hidden()[0].length / f.heads();
    }

    /**
     * The model's key dimension d_k, whatever its first output: the last axis of the queries RoPE rotates when RoPE
     * was found (a decoder, whose first output is its logits), else the W_Q projection's width over the heads when it
     * was found, else the first output's width over the heads (an encoder's hidden state). {@code probe}: any ids.
     */
    public synchronized int keyDimension(long[] probe) {
        if (keyDimension > 0) return keyDimension;
        long[] ids = java.util.Arrays.copyOf(probe, Math.min(probe.length, 4));
        if (rotary()) return keyDimension = rotaryPass(ids).dk();
        Forward f = forward(ids, false);
        if (projections.length > 0 && projections[0] != null && projections[0][0] != null) {
            return keyDimension = projections[0][0][0].length / f.heads();
        }
        return keyDimension = keyDimension(f);
    }

    /**
     * Energies E_ij = −score_ij·T, T = √d_k (Eqs. 7, 9), of every layer and head of {@code prompt}:
     * [layer][head][query][key]. The Boltzmann distribution of row i at T is the model's attention row i.
     */
    public double[][][][] energies(String prompt) {
        Forward f = forward(prompt);
        double T = Math.sqrt(keyDimension(f.ids())); // T = √d_k (Eq. 9)
        int n = f.tokens();
        double[][][][] e = new double[f.layers()][f.heads()][n][n];
        for (int l = 0; l < f.layers(); l++) {
            for (int h = 0; h < f.heads(); h++) {
                for (int i = 0; i < n; i++) f.energies(l, h, i, T, e[l][h][i]); // E = −q·k (Eq. 7)
            }
        }
        return e;
    }

    /** Energies [query][key] of one layer and head of {@code prompt}; see {@link #energies(String)}. */
    public double[][] energies(String prompt, int layer, int head) {
        return energies(prompt)[layer][head];
    }

    /**
     * N_eff of every head from the weights: participation ratio of the singular values of W_Q,h W_K,hᵀ (Eq. 25),
     * [layer][head]; {@code f} supplies heads and d_k. Throws when the projections were not found in the graph.
     */
    public double[][] headRanks(Forward f) {
        double[][] r = headRanks;
        if (r != null) return r;
        int dk = keyDimension(f.ids());
        r = new double[f.layers()][f.heads()];
        for (int l = 0; l < f.layers(); l++) {
            if (projections[l] == null) {
                throw new InvalidInputException("cannot find the W_Q/W_K projections of layer " + l
                        + " in the graph; use the attention N_eff instead");
            }
            for (int h = 0; h < f.heads(); h++) {
                r[l][h] = ProjectionWeights.participationRatio(ProjectionWeights.head(projections[l][0], h, dk),
                        ProjectionWeights.head(projections[l][1], h, dk));
            }
        }
        headRanks = r;
        return r;
    }

    /** Per layer {W_Q, W_K} [d_model][d_model] as found in the graph (entries null when not recognised). */
    public double[][][][] projections() {
        return projections;
    }

    @Override
    public synchronized void close() {
        if (pinned != null) pinned.close();
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session cannot be acted upon
        }
        tokenizer.close();
    }

    static String oneLine(String s) {
        if (s == null) return "";
        String line = s.replace('\n', ' ').replace('\r', ' ').strip();
        return line.length() > 240 ? line.substring(0, 240) + "…" : line;
    }
}
