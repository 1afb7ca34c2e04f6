package io.thermoscope.models;

import io.thermoscope.models.onnx.OnnxProto.GraphProto;
import io.thermoscope.models.onnx.OnnxProto.NodeProto;
import io.thermoscope.models.onnx.OnnxProto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query and key projection weights of each attention layer, found by walking back from the score MatMul's
 * two inputs (through Transpose/Reshape/Add/Div/Mul/…) to a MatMul with a 2-D weight initializer W [d_model ×
 * d_model]; head h uses columns h·d_k … (h+1)·d_k. Gives each head's N_eff: the participation ratio of the
 * singular values of W_Q W_Kᵀ (Eq. 25), as core {@code DynamicalTemperature#nEffQK} defines it.
 */
public final class ProjectionWeights {

    private static final Set<String> WALK = Set.of("Transpose", "Reshape", "Add", "Div", "Mul", "Squeeze",
            "Unsqueeze", "Cast", "Identity");

    private ProjectionWeights() {
    }

    /** Per layer {W_Q, W_K} as [d_model][d_model] (row = input feature), or null for a layer not recognised. */
    static double[][][][] extract(GraphProto graph, List<AttentionSite> sites) {
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : graph.getNodeList()) for (String o : n.getOutputList()) producer.put(o, n);
        Map<String, TensorProto> init = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) init.put(t.getName(), t);
        double[][][][] out = new double[sites.size()][][][];
        for (AttentionSite s : sites) {
            NodeProto mm = scoreMatMul(s.scores(), producer, init);
            if (mm == null || mm.getInputCount() < 2) continue;
            TensorProto wq = weight(mm.getInput(0), producer, init, 12, new java.util.HashSet<>());
            TensorProto wk = weight(mm.getInput(1), producer, init, 12, new java.util.HashSet<>());
            if (wq == null || wk == null) continue;
            double[][] q = matrix(wq), k = matrix(wk);
            if (q == null || k == null || q.length != k.length || q[0].length != k[0].length) continue;
            out[s.layer()] = new double[][][] {q, k};
        }
        return out;
    }

    private static NodeProto scoreMatMul(String t, Map<String, NodeProto> producer, Map<String, TensorProto> init) {
        for (int hop = 0; hop <= AttentionGraph.MAX_HOPS; hop++) {
            NodeProto p = producer.get(t);
            if (p == null) return null;
            if (p.getOpType().equals("MatMul")) return p;
            String next = null;
            for (String in : p.getInputList()) {
                if (in.isEmpty() || init.containsKey(in)) continue;
                NodeProto q = producer.get(in);
                if (q == null || q.getOpType().equals("Constant")) continue;
                if (next == null || q.getOpType().equals("MatMul") || q.getOpType().equals("Div")) next = in;
            }
            if (next == null) return null;
            t = next;
        }
        return null;
    }

    /** Walks back from {@code t} to the projection MatMul and returns its 2-D weight initializer. */
    private static TensorProto weight(String t, Map<String, NodeProto> producer, Map<String, TensorProto> init,
                                      int hops, Set<String> visited) {
        NodeProto p = producer.get(t);
        if (p == null || hops < 0 || !visited.add(t)) return null;
        if (p.getOpType().equals("MatMul")) {
            TensorProto w = init.get(p.getInput(1));
            return w != null && w.getDimsCount() == 2 ? w : null;
        }
        if (!WALK.contains(p.getOpType())) return null;
        for (String in : p.getInputList()) {
            if (in.isEmpty() || init.containsKey(in)) continue;
            NodeProto q = producer.get(in);
            if (q == null || q.getOpType().equals("Constant") || q.getOpType().equals("Shape")) continue;
            TensorProto w = weight(in, producer, init, hops - 1, visited);
            if (w != null) return w;
        }
        return null;
    }

    /** The float32 matrix of a 2-D initializer, or null when it is not one (wrong type, size or external data). */
    private static double[][] matrix(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) return null;
        long r = t.getDims(0), c = t.getDims(1);
        if (r <= 0 || c <= 0 || r * c > Integer.MAX_VALUE / 4) return null;
        boolean raw = !t.getRawData().isEmpty();
        long have = raw ? t.getRawData().size() / 4L : t.getFloatDataCount();
        if (have != r * c || (raw && t.getRawData().size() % 4 != 0)) return null;
        double[][] m = new double[(int) r][(int) c];
        if (raw) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i][j] = b.getFloat();
        } else {
            for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) m[i][j] = t.getFloatData((int) (i * c + j));
        }
        return m;
    }

    /** Columns {@code from … from+n} of {@code w}: one head's [d_model × d_k] slice. */
    public static double[][] head(double[][] w, int head, int dk) {
        double[][] s = new double[w.length][dk];
        for (int i = 0; i < w.length; i++) System.arraycopy(w[i], head * dk, s[i], 0, dk);
        return s;
    }

    /**
     * Participation ratio (Σσ²)²/Σσ⁴ of the singular values of A Bᵀ (Eq. 25's N_eff for a head), without an SVD:
     * the σ² are the eigenvalues of M = (AᵀA)(BᵀB) (d_k × d_k), so Σσ² = tr M and Σσ⁴ = tr M².
     */
    public static double participationRatio(double[][] a, double[][] b) {
        int k = a[0].length;
        double[][] ga = gram(a), gb = gram(b);
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) s += ga[i][c] * gb[c][j];
                m[i][j] = s;
            }
        }
        double tr = 0, tr2 = 0;
        for (int i = 0; i < k; i++) {
            tr += m[i][i];
            for (int j = 0; j < k; j++) tr2 += m[i][j] * m[j][i];
        }
        return tr2 == 0 ? 0 : tr * tr / tr2; // N_eff = (Σσ²)²/Σσ⁴ (Eq. 25)
    }

    private static double[][] gram(double[][] a) {
        int k = a[0].length;
        double[][] g = new double[k][k];
        for (double[] row : a) {
            for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) g[i][j] += row[i] * row[j];
        }
        return g;
    }
}
