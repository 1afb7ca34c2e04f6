package io.thermoscope.models;

import com.google.protobuf.ByteString;
import io.thermoscope.InvalidInputException;
import io.thermoscope.models.onnx.OnnxProto.AttributeProto;
import io.thermoscope.models.onnx.OnnxProto.GraphProto;
import io.thermoscope.models.onnx.OnnxProto.ModelProto;
import io.thermoscope.models.onnx.OnnxProto.NodeProto;
import io.thermoscope.models.onnx.OnnxProto.OperatorSetIdProto;
import io.thermoscope.models.onnx.OnnxProto.StringStringEntryProto;
import io.thermoscope.models.onnx.OnnxProto.TensorProto;
import io.thermoscope.models.onnx.OnnxProto.TensorShapeProto;
import io.thermoscope.models.onnx.OnnxProto.TypeProto;
import io.thermoscope.models.onnx.OnnxProto.ValueInfoProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Writes a byte-level RoPE decoder (thermoscope-train's {@code CausalLm}) as a standard ONNX model (opset 17), op for
 * op the trainer's forward pass: Gather embedding; per block LayerNormalization → MatMul W_Q, W_K, W_V → heads
 * [b, h, n, d_k] → RoPE x·cos + rot(x)·sin (rot = a Gather of the pair-swapped lanes times (−1, +1)) → scores
 * MatMul(q, kᵀ) / √d_k + causal mask (−10⁹ above the diagonal) → Softmax → ·v → W_O, residual; LayerNormalization →
 * W_in + b_in → GELU (erf form) → W_out + b_out, residual; final LayerNormalization and W_U to logits [b, n, 256].
 * Input {@code input_ids} int64 [batch, sequence]; output {@code logits}. The context length is recorded in the
 * metadata {@value #MAX_POSITIONS_KEY}. Nothing about the attention is annotated: the analyses find it (and RoPE, and
 * the causal mask) from the graph and the outputs, as in any user's decoder.
 */
public final class DecoderExport {
    /** Metadata key holding the longest sequence the model accepts. */
    public static final String MAX_POSITIONS_KEY = "max_position_embeddings";
    /** The additive mask of keys after the query (the trainer's value). */
    static final float MASKED = -1e9f;

    private DecoderExport() {
    }

    /**
     * The weights and shape of a decoder, named as the trainer names them ({@code W_E}, {@code L0.W_Q}, …).
     *
     * @param layers  blocks
     * @param dModel  residual width
     * @param heads   heads per block
     * @param dMlp    MLP width
     * @param context longest sequence
     * @param vocab   vocabulary size
     * @param tensors every parameter, row-major
     * @param ropeCos cos(m·θ_i) repeated over each pair, [context × d_k]
     * @param ropeSin sin(m·θ_i) likewise
     */
    public record Weights(int layers, int dModel, int heads, int dMlp, int context, int vocab,
                          Map<String, float[]> tensors, float[] ropeCos, float[] ropeSin) {
        /** Validates the sizes of every tensor against the shape. */
        public Weights {
            if (layers < 1 || heads < 1 || dModel % heads != 0 || (dModel / heads) % 2 != 0 || context < 1 || vocab < 1) {
                throw new InvalidInputException("not a decoder shape: layers " + layers + ", d_model " + dModel + ", heads " + heads);
            }
            int dk = dModel / heads;
            require(tensors, "W_E", (long) vocab * dModel);
            require(tensors, "W_U", (long) dModel * vocab);
            require(tensors, "lnf.g", dModel);
            require(tensors, "lnf.b", dModel);
            for (int l = 0; l < layers; l++) {
                String p = "L" + l + ".";
                for (String n : List.of("W_Q", "W_K", "W_V", "W_O")) require(tensors, p + n, (long) dModel * dModel);
                for (String n : List.of("ln1.g", "ln1.b", "ln2.g", "ln2.b", "b_out")) require(tensors, p + n, dModel);
                require(tensors, p + "W_in", (long) dModel * dMlp);
                require(tensors, p + "b_in", dMlp);
                require(tensors, p + "W_out", (long) dMlp * dModel);
            }
            if (ropeCos.length != context * dk || ropeSin.length != context * dk) {
                throw new InvalidInputException("RoPE tables must hold context × d_k = " + context * dk + " values");
            }
        }

        private static void require(Map<String, float[]> t, String name, long size) {
            float[] a = t.get(name);
            if (a == null || a.length != size) {
                throw new InvalidInputException("decoder weights: " + name + " is " + (a == null ? "missing" : a.length + " values")
                        + ", expected " + size);
            }
        }
    }

    /** The serialized ONNX model of {@code w}. */
    public static byte[] toOnnx(Weights w) {
        return new Builder(w).build().toByteArray();
    }

    /** Builds the graph node by node. */
    private static final class Builder {
        private final Weights w;
        private final GraphProto.Builder g = GraphProto.newBuilder().setName("thermoscope-causal-lm");
        private int counter;

        Builder(Weights w) {
            this.w = w;
        }

        ModelProto build() {
            int d = w.dModel(), h = w.heads(), dk = d / h, c = w.context();
            g.addInput(valueInfo("input_ids", TensorProto.DataType.INT64_VALUE, "batch", "sequence"));
            g.addOutput(valueInfo("logits", TensorProto.DataType.FLOAT_VALUE, "batch", "sequence", Integer.toString(w.vocab())));
            for (var e : w.tensors().entrySet()) g.addInitializer(floats(e.getKey(), e.getValue(), shapeOf(e.getKey())));
            g.addInitializer(floats("rope.cos", w.ropeCos(), c, dk));
            g.addInitializer(floats("rope.sin", w.ropeSin(), c, dk));
            float[] sign = new float[dk];
            long[] swap = new long[dk];
            for (int i = 0; i < dk; i += 2) {
                sign[i] = -1f;                 // rot(x)_{2i} = −x_{2i+1}
                sign[i + 1] = 1f;              // rot(x)_{2i+1} = x_{2i}
                swap[i] = i + 1;
                swap[i + 1] = i;
            }
            g.addInitializer(floats("rope.sign", sign, dk));
            g.addInitializer(longs("rope.swap", swap, dk));
            float[] mask = new float[c * c];
            for (int i = 0; i < c; i++) for (int j = i + 1; j < c; j++) mask[i * c + j] = MASKED;
            g.addInitializer(floats("causal.mask", mask, c, c));
            g.addInitializer(floats("temperature", new float[] {(float) Math.sqrt(dk)})); // T = √d_k (Eq. 9)
            g.addInitializer(longs("heads.shape", new long[] {0, 0, h, dk}, 4));
            g.addInitializer(longs("merge.shape", new long[] {0, 0, d}, 3));
            g.addInitializer(longs("zero", new long[] {0}, 1));
            g.addInitializer(longs("zero2", new long[] {0, 0}, 2));
            g.addInitializer(longs("one", new long[] {1}, 1));
            g.addInitializer(longs("two", new long[] {2}, 1));
            g.addInitializer(longs("axes01", new long[] {0, 1}, 2));
            g.addInitializer(floats("half", new float[] {0.5f}));
            g.addInitializer(floats("unit", new float[] {1f}));
            g.addInitializer(floats("inv_sqrt2", new float[] {(float) (1 / Math.sqrt(2))}));

            String shape = node("Shape", "input_ids");
            String n = node("Slice", shape, "one", "two");                       // [n]
            String nn = node("Concat", List.of(n, n), attrInt("axis", 0));
            String cos = node("Slice", "rope.cos", "zero", n, "zero");           // [n × d_k]
            String sin = node("Slice", "rope.sin", "zero", n, "zero");
            String mask2 = node("Slice", "causal.mask", "zero2", nn, "axes01");   // [n × n]
            String x = node("Gather", List.of("W_E", "input_ids"), attrInt("axis", 0));
            for (int l = 0; l < w.layers(); l++) {
                String p = "L" + l + ".";
                String a = layerNorm(x, p + "ln1");
                String q = named(p + "attn.q", "Transpose", List.of(node("Reshape", node("MatMul", a, p + "W_Q"), "heads.shape")),
                        attrInts("perm", 0, 2, 1, 3));
                String k = named(p + "attn.k", "Transpose", List.of(node("Reshape", node("MatMul", a, p + "W_K"), "heads.shape")),
                        attrInts("perm", 0, 2, 1, 3));
                String v = node("Transpose", List.of(node("Reshape", node("MatMul", a, p + "W_V"), "heads.shape")),
                        attrInts("perm", 0, 2, 1, 3));
                String qr = rope(q, cos, sin), kr = rope(k, cos, sin);
                String kt = node("Transpose", List.of(kr), attrInts("perm", 0, 1, 3, 2));
                // scores = q·kᵀ/T = −E/T, E = −q·k (Eqs. 7, 9), plus the causal mask; softmax = Boltzmann weights (Eq. 22)
                String scores = named(p + "attn.scores", "Add", List.of(node("Div", node("MatMul", qr, kt), "temperature"), mask2));
                String probs = named(p + "attn.probs", "Softmax", List.of(scores), attrInt("axis", -1));
                String z = node("Reshape", node("Transpose", List.of(node("MatMul", probs, v)), attrInts("perm", 0, 2, 1, 3)),
                        "merge.shape");
                x = node("Add", x, node("MatMul", z, p + "W_O"));
                String m = layerNorm(x, p + "ln2");
                String hid = node("Add", node("MatMul", m, p + "W_in"), p + "b_in");
                // GELU(x) = x·½(1 + erf(x/√2)), the exact form PyTorch's gelu computes
                String gelu = node("Mul", node("Mul", hid, node("Add", node("Erf", node("Mul", hid, "inv_sqrt2")), "unit")), "half");
                x = node("Add", x, node("Add", node("MatMul", gelu, p + "W_out"), p + "b_out"));
            }
            named("logits", "MatMul", List.of(layerNorm(x, "lnf"), "W_U"));
            return ModelProto.newBuilder().setIrVersion(8).setProducerName("thermoscope").setProducerVersion("lm")
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                    .addMetadataProps(StringStringEntryProto.newBuilder().setKey(MAX_POSITIONS_KEY).setValue(Integer.toString(c)))
                    .setGraph(g).build();
        }

        /** RoPE (Eq. 33): x·cos + (x[…, swap]·sign)·sin. */
        private String rope(String x, String cos, String sin) {
            String rot = node("Mul", node("Gather", List.of(x, "rope.swap"), attrInt("axis", 3)), "rope.sign");
            return node("Add", node("Mul", x, cos), node("Mul", rot, sin));
        }

        private String layerNorm(String x, String name) {
            return node("LayerNormalization", List.of(x, name + ".g", name + ".b"), attrInt("axis", -1),
                    AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT).setF(1e-5f).build());
        }

        private long[] shapeOf(String name) {
            int d = w.dModel(), v = w.vocab(), m = w.dMlp();
            if (name.equals("W_E")) return new long[] {v, d};
            if (name.equals("W_U")) return new long[] {d, v};
            if (name.endsWith("W_in")) return new long[] {d, m};
            if (name.endsWith("W_out")) return new long[] {m, d};
            if (name.endsWith("b_in")) return new long[] {m};
            if (name.contains("W_")) return new long[] {d, d};
            return new long[] {d};
        }

        private String node(String op, String... inputs) {
            return node(op, List.of(inputs));
        }

        private String node(String op, List<String> inputs, AttributeProto... attrs) {
            return named(op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++, op, inputs, attrs);
        }

        private String named(String out, String op, List<String> inputs, AttributeProto... attrs) {
            NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(out + ".node").addOutput(out);
            inputs.forEach(b::addInput);
            for (AttributeProto a : attrs) b.addAttribute(a);
            g.addNode(b);
            return out;
        }
    }

    private static AttributeProto attrInt(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto attrInts(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) b.addInts(x);
        return b.build();
    }

    private static TensorProto floats(String name, float[] data, long... dims) {
        ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(data);
        return tensor(name, TensorProto.DataType.FLOAT_VALUE, bb, dims);
    }

    private static TensorProto longs(String name, long[] data, long... dims) {
        ByteBuffer bb = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(data);
        return tensor(name, TensorProto.DataType.INT64_VALUE, bb, dims);
    }

    /** An initializer of little-endian raw data. */
    private static TensorProto tensor(String name, int type, ByteBuffer raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw.array()));
        for (long dim : dims) t.addDims(dim);
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name, int type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) b.setDimValue(Long.parseLong(d));
            else b.setDimParam(d);
            shape.addDim(b);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
