package io.thermoscope.models;

/**
 * One forward pass of an encoder on one sequence (batch 1), with every layer's attention exposed.
 *
 * @param ids    token ids fed to the model (including special tokens)
 * @param hidden last hidden state [tokens][hidden size] (the model's first output)
 * @param scores per layer, the pre-softmax scores QKᵀ/√d_k + mask, flat [heads][queries][keys] in C order
 * @param probs  per layer, the attention probabilities softmax(scores), same layout; null when the pass was run
 *               without them ({@link AttentionModel#forward(long[], boolean)})
 * @param heads  attention heads per layer
 */
public record Forward(long[] ids, float[][] hidden, float[][] scores, float[][] probs, int heads) {

    /** Number of tokens (queries = keys). */
    public int tokens() {
        return ids.length;
    }

    /** Number of attention layers. */
    public int layers() {
        return scores.length;
    }

    /** Pre-softmax score q·k/√d_k (+ mask) of {@code layer}, {@code head}, query {@code q}, key {@code k}. */
    public float score(int layer, int head, int q, int k) {
        int n = ids.length;
        return scores[layer][(head * n + q) * n + k];
    }

    /**
     * Fills {@code out[0 … n−1]} with query {@code q}'s energies E_j = −score_j·T (Eq. 7: −(q·k/√d_k)·√d_k = −q·k, with
     * the mask's −∞ kept), so that the Boltzmann distribution of the row at T is the model's attention row.
     */
    public void energies(int layer, int head, int q, double T, double[] out) {
        int n = ids.length;
        float[] s = scores[layer];
        int base = (head * n + q) * n;
        for (int j = 0; j < n; j++) out[j] = -s[base + j] * T;
    }

    /** Attention probability of {@code layer}, {@code head}, query {@code q}, key {@code k}. */
    public float prob(int layer, int head, int q, int k) {
        int n = ids.length;
        return probs[layer][(head * n + q) * n + k];
    }
}
