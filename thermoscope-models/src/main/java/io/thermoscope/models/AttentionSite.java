package io.thermoscope.models;

/**
 * One self-attention layer located in an ONNX graph: the Softmax node and the tensors exposed as extra outputs.
 *
 * @param layer         layer index in graph (topological) order, from 0
 * @param softmaxNode   name of the Softmax node (may be empty in unnamed graphs)
 * @param scores        name of the pre-softmax tensor QKᵀ/√d_k + mask, shape [batch, heads, queries, keys]
 * @param probabilities name of the attention-probability tensor softmax(scores), same shape
 * @param path          the op types from the score MatMul to the Softmax, e.g. "MatMul→Div→Add→Softmax"
 * @param ropeQuery     the queries before the rotary position embedding, [batch, heads, queries, d_k], or "" when
 *                      no RoPE was found on the score path ({@link RotaryDiscovery})
 * @param ropeKey       the keys before the rotary position embedding, or ""
 */
public record AttentionSite(int layer, String softmaxNode, String scores, String probabilities, String path,
                            String ropeQuery, String ropeKey) {

    /** Whether RoPE was found on both the query and the key side of the scores. */
    public boolean rotary() {
        return !ropeQuery.isEmpty() && !ropeKey.isEmpty();
    }
}
