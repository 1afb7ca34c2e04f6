package io.thermoscope.models;

import io.thermoscope.models.onnx.OnnxProto.NodeProto;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds a rotary position embedding (RoPE, Su et al.; Kim 2026 Eq. 33) on the two inputs of an attention score
 * MatMul from the graph structure alone, whatever the export's convention (interleaved pairs, or LLaMA/GPT-NeoX's
 * rotate_half = Concat(−x₂, x₁)): walking back from each input through layout ops (Transpose, Reshape, …, and a
 * scale by a constant), RoPE is an Add (or Sub) of two Muls, x·cos and rot(x)·sin, in which rot(x) is computed from
 * x itself through lane moves (Gather, Slice, Split, Concat, Neg, Mul by a sign, Reshape, …). The tensor x — the
 * queries or keys before the rotation — is what {@link AttentionGraph} exposes next to the scores, so the energies
 * without position encoding, −q·k, can be compared with the model's own, −(R_m q)·(R_n k) (Eq. 36).
 * Partial rotary (only some lanes rotated, then concatenated) is not recognised.
 */
final class RotaryDiscovery {
    /** Ops that keep a tensor's values, only moving or viewing them (or scaling by a constant). */
    private static final Set<String> LAYOUT = Set.of("Transpose", "Reshape", "Identity", "Cast", "Squeeze", "Unsqueeze",
            "Flatten", "Mul", "Div");
    /** Ops through which rot(x) is computed from x. */
    private static final Set<String> LANE_MOVES = Set.of("Gather", "Slice", "Split", "Concat", "Neg", "Mul", "Reshape",
            "Transpose", "Unsqueeze", "Squeeze", "Flatten", "Identity", "Cast", "Expand", "Tile");
    private static final int LAYOUT_HOPS = 4, ROTATION_HOPS = 8;

    private RotaryDiscovery() {
    }

    /**
     * The pre-rotation tensors of one score MatMul.
     *
     * @param query the queries before RoPE
     * @param key   the keys before RoPE
     */
    record Inputs(String query, String key) {
    }

    /** The pre-rotation queries and keys of {@code matMul}, or null when either side carries no RoPE. */
    static Inputs find(NodeProto matMul, Map<String, NodeProto> producer, Set<String> constants) {
        String q = preRotation(matMul.getInput(0), producer, constants, LAYOUT_HOPS);
        String k = preRotation(matMul.getInput(1), producer, constants, LAYOUT_HOPS);
        return q == null || k == null ? null : new Inputs(q, k);
    }

    /** The x of an x·cos ± rot(x)·sin reached from {@code tensor} through layout ops, or null. */
    private static String preRotation(String tensor, Map<String, NodeProto> producer, Set<String> constants, int hops) {
        NodeProto p = producer.get(tensor);
        if (p == null || hops < 0) return null;
        String op = p.getOpType();
        if ((op.equals("Add") || op.equals("Sub")) && p.getInputCount() == 2) {
            NodeProto a = producer.get(p.getInput(0)), b = producer.get(p.getInput(1));
            if (a != null && b != null && a.getOpType().equals("Mul") && b.getOpType().equals("Mul")) {
                String x = rotated(a, b, producer, constants);
                if (x == null) x = rotated(b, a, producer, constants);
                if (x != null) return x;
            }
        }
        if (!LAYOUT.contains(op)) return null;
        for (String in : p.getInputList()) {
            if (in.isEmpty() || constants.contains(in)) continue;
            String x = preRotation(in, producer, constants, hops - 1);
            if (x != null) return x;
        }
        return null;
    }

    /** The activation x of {@code plain} (x·cos) from which an input of {@code turned} (rot(x)·sin) derives, or null. */
    private static String rotated(NodeProto plain, NodeProto turned, Map<String, NodeProto> producer, Set<String> constants) {
        for (String x : plain.getInputList()) {
            if (x.isEmpty() || constants.contains(x) || !producer.containsKey(x)) continue;
            for (String y : turned.getInputList()) {
                if (y.isEmpty() || y.equals(x) || constants.contains(y)) continue;
                if (derives(y, x, producer, constants, ROTATION_HOPS, new HashSet<>())) return x;
            }
        }
        return null;
    }

    /** Whether {@code tensor} is computed from {@code source} through lane moves only. */
    private static boolean derives(String tensor, String source, Map<String, NodeProto> producer, Set<String> constants,
                                   int hops, Set<String> visited) {
        if (tensor.equals(source)) return true;
        NodeProto p = producer.get(tensor);
        if (p == null || hops < 0 || !visited.add(tensor) || !LANE_MOVES.contains(p.getOpType())) return false;
        for (String in : p.getInputList()) {
            if (in.isEmpty() || constants.contains(in)) continue;
            if (derives(in, source, producer, constants, hops - 1, visited)) return true;
        }
        return false;
    }
}
