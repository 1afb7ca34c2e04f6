package io.thermoscope.models;

import io.thermoscope.models.onnx.OnnxProto.AttributeProto;
import io.thermoscope.models.onnx.OnnxProto.GraphProto;
import io.thermoscope.models.onnx.OnnxProto.NodeProto;
import io.thermoscope.models.onnx.OnnxProto.TensorProto;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RoPE is found from the graph in the convention of LLaMA/GPT-NeoX exports (rotate_half = Concat(−x₂, x₁), cos/sin
 * gathered by position ids, q pre-scaled by a constant) as in the interleaved one of our own export
 * ({@link DecoderExportTest}); a rotation of the queries only is not RoPE on the scores.
 */
class RotaryDiscoveryTest {

    static NodeProto node(String op, String out, List<String> in, AttributeProto... attrs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(out + "_node").addOutput(out);
        in.forEach(b::addInput);
        for (AttributeProto a : attrs) b.addAttribute(a);
        return b.build();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) b.addInts(x);
        return b.build();
    }

    static AttributeProto axis(long v) {
        return AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    /** q, k [b, h, n, d] from inputs; rotate_half RoPE on q (and on k when {@code bothSides}); scores → Softmax. */
    static GraphProto llamaStyle(boolean bothSides) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("llama-like")
                .addInput(TinyOnnx.input("hidden_q", 1, 2, 4, 8)).addInput(TinyOnnx.input("hidden_k", 1, 2, 4, 8))
                .addInput(TinyOnnx.input("position_ids", 1, 4));
        for (String c : List.of("cos_cached", "sin_cached", "half", "end", "three", "zero", "scale")) {
            g.addInitializer(TensorProto.newBuilder().setName(c).setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(1f));
        }
        g.addNode(node("Gather", "cos", List.of("cos_cached", "position_ids"), axis(0)));
        g.addNode(node("Gather", "sin", List.of("sin_cached", "position_ids"), axis(0)));
        g.addNode(node("Identity", "q", List.of("hidden_q")));
        g.addNode(node("Identity", "k", List.of("hidden_k")));
        for (String x : bothSides ? List.of("q", "k") : List.of("q")) {
            g.addNode(node("Slice", x + "1", List.of(x, "zero", "half", "three")));
            g.addNode(node("Slice", x + "2", List.of(x, "half", "end", "three")));
            g.addNode(node("Neg", x + "2n", List.of(x + "2")));
            g.addNode(node("Concat", x + "rot", List.of(x + "2n", x + "1"), axis(-1)));
            g.addNode(node("Mul", x + "c", List.of(x, "cos")));
            g.addNode(node("Mul", x + "s", List.of(x + "rot", "sin")));
            g.addNode(node("Add", x + "_embed", List.of(x + "c", x + "s")));
        }
        String q = "q_embed", k = bothSides ? "k_embed" : "k";
        g.addNode(node("Mul", "q_scaled", List.of(q, "scale")));
        g.addNode(node("Transpose", "kt", List.of(k), ints("perm", 0, 1, 3, 2)));
        g.addNode(node("MatMul", "scores", List.of("q_scaled", "kt")));
        g.addNode(node("Softmax", "probs", List.of("scores"), axis(-1)));
        return g.build();
    }

    @Test
    void rotateHalfRopeIsFoundOnBothSides() {
        AttentionSite s = AttentionGraph.locate(llamaStyle(true)).get(0);
        assertTrue(s.rotary());
        assertEquals("q", s.ropeQuery());
        assertEquals("k", s.ropeKey());
    }

    @Test
    void aRotationOfOneSideOnlyIsNotRopeOnTheScores() {
        assertFalse(AttentionGraph.locate(llamaStyle(false)).get(0).rotary());
    }
}
