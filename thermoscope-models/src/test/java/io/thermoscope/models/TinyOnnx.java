package io.thermoscope.models;

import io.thermoscope.models.onnx.OnnxProto.AttributeProto;
import io.thermoscope.models.onnx.OnnxProto.GraphProto;
import io.thermoscope.models.onnx.OnnxProto.ModelProto;
import io.thermoscope.models.onnx.OnnxProto.NodeProto;
import io.thermoscope.models.onnx.OnnxProto.OperatorSetIdProto;
import io.thermoscope.models.onnx.OnnxProto.TensorProto;
import io.thermoscope.models.onnx.OnnxProto.TensorShapeProto;
import io.thermoscope.models.onnx.OnnxProto.TypeProto;
import io.thermoscope.models.onnx.OnnxProto.ValueInfoProto;

/** A one-head attention graph q·kᵀ/√2 + mask → Softmax → ·v built with the generated ONNX classes (tests, seeds). */
final class TinyOnnx {
    private TinyOnnx() {
    }

    static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    static NodeProto node(String op, String name, String out, String... in) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(out);
        for (String i : in) b.addInput(i);
        return b.build();
    }

    /** The model; {@code withSoftmaxPath} false gives a Softmax fed by an input directly (no attention). */
    static ModelProto model(boolean withSoftmaxPath) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny")
                .addInput(input("q", 1, 1, 4, 2)).addInput(input("k", 1, 1, 2, 4))
                .addInput(input("v", 1, 1, 4, 2)).addInput(input("mask", 1, 1, 1, 4))
                .addInitializer(TensorProto.newBuilder().setName("scale").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addFloatData((float) Math.sqrt(2)));
        if (withSoftmaxPath) {
            g.addNode(node("MatMul", "qk", "s0", "q", "k"));
            g.addNode(node("Div", "scale_div", "s1", "s0", "scale"));
            g.addNode(node("Add", "mask_add", "s2", "s1", "mask"));
        } else {
            g.addNode(node("Identity", "id", "s2", "mask"));
        }
        g.addNode(node("Softmax", "attn", "p", "s2").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1))
                .build());
        g.addNode(node("MatMul", "pv", "out", "p", withSoftmaxPath ? "v" : "v"));
        g.addOutput(input("out", 1, 1, withSoftmaxPath ? 4 : 1, 2));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("thermoscope-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
    }
}
