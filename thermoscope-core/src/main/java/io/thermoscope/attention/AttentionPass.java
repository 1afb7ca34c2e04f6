package io.thermoscope.attention;

import io.thermoscope.InvalidInputException;

/**
 * The attention of one forward pass of a transformer on one sequence (batch 1), read row by row: for every layer,
 * head and query, the pre-softmax scores s_j = q·k_j/T (+ the additive mask) and the model's own attention
 * probabilities p_j = softmax(s)_j over the keys j = 0 … n−1. The energies of the thermodynamic reading are
 * E_j = −s_j·T with T = √d_k (Kim 2026, Eqs. 7, 9), so p is the Boltzmann distribution of E at T (Eq. 22).
 *
 * <p>Implemented by the ONNX encoders of thermoscope-models (rows read straight from ONNX Runtime's output buffers)
 * and by anything else that can hand out score and probability rows (a causal decoder: masked keys carry
 * p = 0 and a score of −∞ or a large negative number). {@link #ofScores} builds one from score arrays alone.
 */
public interface AttentionPass {

    /** Number of attention layers. */
    int layers();

    /** Heads per layer. */
    int heads();

    /** Sequence length n (queries = keys). */
    int tokens();

    /** Temperature T = √d_k (Eq. 9). */
    double temperature();

    /** Copies the pre-softmax scores of {@code query} (keys 0 … n−1) into {@code out[0 … n−1]}. */
    void scores(int layer, int head, int query, float[] out);

    /** Copies the attention probabilities of {@code query} (keys 0 … n−1) into {@code out[0 … n−1]}. */
    void probabilities(int layer, int head, int query, float[] out);

    /**
     * A pass from scores alone, flat [layer][head · n · n] in C order ([heads][queries][keys]); the probabilities
     * are their softmax, computed in double precision by log-sum-exp and rounded to float like a model's own.
     */
    static AttentionPass ofScores(float[][] scores, int heads, int n, double temperature) {
        InvalidInputException.requirePositive("temperature T", temperature);
        for (float[] layer : scores) {
            if (layer.length != (long) heads * n * n) {
                throw new InvalidInputException("a layer's scores hold " + layer.length + " values, not heads × n × n = "
                        + (long) heads * n * n);
            }
        }
        return new AttentionPass() {
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
                return temperature;
            }

            @Override
            public void scores(int layer, int head, int query, float[] out) {
                System.arraycopy(scores[layer], (head * n + query) * n, out, 0, n);
            }

            @Override
            public void probabilities(int layer, int head, int query, float[] out) {
                int base = (head * n + query) * n;
                float[] s = scores[layer];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) max = Math.max(max, s[base + j]);
                double z = 0;
                for (int j = 0; j < n; j++) z += Math.exp(s[base + j] - max); // Boltzmann factors (Eq. 20)
                for (int j = 0; j < n; j++) out[j] = (float) (Math.exp(s[base + j] - max) / z); // softmax (Eq. 22)
            }
        };
    }
}
