package io.thermoscope.models;

import com.google.protobuf.InvalidProtocolBufferException;
import io.thermoscope.InvalidInputException;
import io.thermoscope.models.onnx.OnnxProto.GraphProto;
import io.thermoscope.models.onnx.OnnxProto.ModelProto;
import io.thermoscope.models.onnx.OnnxProto.NodeProto;
import io.thermoscope.models.onnx.OnnxProto.TensorProto;
import io.thermoscope.models.onnx.OnnxProto.TypeProto;
import io.thermoscope.models.onnx.OnnxProto.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the self-attention Softmax nodes of an ONNX encoder or decoder from the graph structure and adds their input
 * (the pre-softmax scores) and output (the attention probabilities) as extra graph outputs — and, where the scores
 * are computed from rotary-embedded queries and keys ({@link RotaryDiscovery}), the queries and keys before the
 * rotation — so one ORT run returns them next to the model's own outputs. The ONNX protobuf is read and written with classes generated from the committed
 * {@code onnx.proto}.
 *
 * <p>A Softmax counts as attention when, walking back from its input through at most {@value #MAX_HOPS} elementwise
 * scale/mask nodes (Add, Sub, Mul, Div, Where, Cast), one reaches a MatMul whose two inputs are both activations
 * (Q and Kᵀ: neither an initializer nor a Constant) — the score path MatMul → Div → Add → Softmax of BERT-style exports.
 */
public final class AttentionGraph {

    /** Longest scale/mask chain between the score MatMul and the Softmax. */
    static final int MAX_HOPS = 6;
    private static final Set<String> PASS_THROUGH = Set.of("Add", "Sub", "Mul", "Div", "Where", "Cast");

    /**
     * An edited model.
     *
     * @param model           serialized ONNX model with the extra outputs
     * @param sites           one per attention layer, in graph order
     * @param originalOutputs names of the model's own outputs, in order (they stay first in the edited model)
     * @param maxPositions    rows of the position-embedding table, or 0 when none was recognised
     * @param projections     per layer {W_Q, W_K} [d_model][d_model], an entry null when not recognised
     */
    public record Edited(byte[] model, List<AttentionSite> sites, List<String> originalOutputs, int maxPositions,
                         double[][][][] projections) {
    }

    private AttentionGraph() {
    }

    /** Parses {@code onnx}, locates the attention layers and returns the model with scores/probabilities exposed. */
    public static Edited expose(byte[] onnx) {
        ModelProto model = parse(onnx);
        if (!model.hasGraph()) throw new InvalidInputException("not an ONNX model: no graph in the file");
        GraphProto graph = model.getGraph();
        List<AttentionSite> sites = locate(graph);
        List<String> original = new ArrayList<>();
        Set<String> outputs = new HashSet<>();
        for (ValueInfoProto v : graph.getOutputList()) {
            original.add(v.getName());
            outputs.add(v.getName());
        }
        GraphProto.Builder g = graph.toBuilder();
        for (AttentionSite s : sites) {
            for (String name : List.of(s.scores(), s.probabilities(), s.ropeQuery(), s.ropeKey())) {
                if (!name.isEmpty() && outputs.add(name)) g.addOutput(floatOutput(name));
            }
        }
        byte[] edited = model.toBuilder().setGraph(g).build().toByteArray();
        return new Edited(edited, sites, List.copyOf(original), maxPositions(model),
                ProjectionWeights.extract(graph, sites));
    }

    /** Parses an ONNX model; a file that is not one gives a one-line {@link InvalidInputException}. */
    static ModelProto parse(byte[] onnx) {
        if (onnx == null || onnx.length == 0) throw new InvalidInputException("not an ONNX model: the file is empty");
        try {
            return ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException("not an ONNX model (corrupt or truncated protobuf): " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new InvalidInputException("not an ONNX model: " + oneLine(String.valueOf(e.getMessage())));
        }
    }

    /** The attention layers of {@code graph} in graph order; throws when there are none. */
    static List<AttentionSite> locate(GraphProto graph) {
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) for (String o : n.getOutputList()) producer.put(o, n);
        Set<String> constants = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) constants.add(t.getName());
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("Constant")) constants.addAll(n.getOutputList());
        }
        List<AttentionSite> sites = new ArrayList<>();
        int softmaxes = 0;
        for (NodeProto n : graph.getNodeList()) {
            if (!n.getOpType().equals("Softmax") || n.getInputCount() < 1 || n.getOutputCount() < 1) continue;
            softmaxes++;
            ScorePath path = scorePath(n.getInput(0), producer, constants);
            if (path == null) continue;
            RotaryDiscovery.Inputs rope = RotaryDiscovery.find(path.matMul(), producer, constants);
            sites.add(new AttentionSite(sites.size(), n.getName(), n.getInput(0), n.getOutput(0), path.ops() + "→Softmax",
                    rope == null ? "" : rope.query(), rope == null ? "" : rope.key()));
        }
        if (sites.isEmpty()) {
            throw new InvalidInputException("cannot locate attention in the ONNX graph: " + softmaxes
                    + " Softmax node(s), none fed by a MatMul(Q, Kᵀ) score path (fused attention is not supported)");
        }
        return sites;
    }

    /**
     * The score MatMul and the op path from it to a Softmax input.
     *
     * @param ops    the op types, e.g. "MatMul→Div→Add"
     * @param matMul the MatMul(Q, Kᵀ) node
     */
    record ScorePath(String ops, NodeProto matMul) {
    }

    /**
     * The op path from the score MatMul to {@code tensor} (depth-first over every computed input of the
     * scale/mask nodes), or null when there is none within {@code hops}.
     */
    private static ScorePath scorePath(String tensor, Map<String, NodeProto> producer, Set<String> constants) {
        return scorePath(tensor, producer, constants, MAX_HOPS, new HashSet<>());
    }

    private static ScorePath scorePath(String tensor, Map<String, NodeProto> producer, Set<String> constants, int hops,
                                       Set<String> visited) {
        NodeProto p = producer.get(tensor);
        if (p == null || hops < 0 || !visited.add(tensor)) return null;
        String op = p.getOpType();
        if (op.equals("MatMul")) {
            boolean dynamic = p.getInputCount() == 2 && !p.getInput(0).isEmpty() && !p.getInput(1).isEmpty()
                    && !constants.contains(p.getInput(0)) && !constants.contains(p.getInput(1));
            return dynamic ? new ScorePath(op, p) : null;
        }
        if (!PASS_THROUGH.contains(op)) return null;
        for (String in : p.getInputList()) {
            if (in.isEmpty() || constants.contains(in)) continue;
            ScorePath sub = scorePath(in, producer, constants, hops - 1, visited);
            if (sub != null) return new ScorePath(sub.ops() + "→" + op, sub.matMul());
        }
        return null;
    }

    /** A graph output of element type float with no shape (ORT infers it). */
    private static ValueInfoProto floatOutput(String name) {
        TypeProto.Tensor tensor = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    /**
     * The longest input: the metadata entry {@value DecoderExport#MAX_POSITIONS_KEY} when present (models without a
     * position table, such as RoPE decoders), else the rows of an initializer named like a position-embedding table
     * (BERT: {@code *position_embeddings*}, GPT-2: {@code *wpe*}), or 0.
     */
    static int maxPositions(ModelProto model) {
        for (var e : model.getMetadataPropsList()) {
            if (e.getKey().equals(DecoderExport.MAX_POSITIONS_KEY)) {
                try {
                    int v = Integer.parseInt(e.getValue().strip());
                    if (v > 0) return v;
                } catch (NumberFormatException ignored) {
                    // not a number: fall back to the graph
                }
            }
        }
        GraphProto graph = model.getGraph();
        for (TensorProto t : graph.getInitializerList()) {
            if ((t.getName().contains("position_embeddings") || t.getName().contains("wpe")) && t.getDimsCount() == 2
                    && t.getDims(0) > 0 && t.getDims(0) <= 1 << 20) {
                return (int) t.getDims(0);
            }
        }
        return 0;
    }

    private static String oneLine(String s) {
        if (s == null) return "";
        String line = s.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
