# Counts an ONNX model's FLOPs per image from its graph: 2 x multiply-adds of every MatMul, Gemm and Conv whose
# shapes ONNX shape inference resolves (batch fixed to 1); unresolved nodes are listed, never guessed.
# Python (/usr/bin/python3, python3-onnx); a cross-check of the benchmark's analytic count.
import argparse
import json
import sys

import onnx
from onnx import shape_inference


def dims_of(value_info):
    shape = value_info.type.tensor_type.shape
    out = []
    for d in shape.dim:
        if not d.HasField("dim_value"):
            return None
        out.append(d.dim_value)
    return out


def prod(values):
    p = 1
    for v in values:
        p *= v
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    args = ap.parse_args()
    model = onnx.load(args.model)
    for value in model.graph.input:
        dim = value.type.tensor_type.shape.dim[0]
        dim.Clear()
        dim.dim_value = 1
    model = shape_inference.infer_shapes(model, data_prop=True)
    shapes = {}
    for value in list(model.graph.value_info) + list(model.graph.input) + list(model.graph.output):
        shapes[value.name] = dims_of(value)
    for init in model.graph.initializer:
        shapes[init.name] = list(init.dims)
    flops = {"MatMul": 0, "Gemm": 0, "Conv": 0}
    counted = {"MatMul": 0, "Gemm": 0, "Conv": 0}
    unknown = []
    for node in model.graph.node:
        if node.op_type not in flops:
            continue
        a = shapes.get(node.input[0])
        b = shapes.get(node.input[1])
        y = shapes.get(node.output[0])
        if not a or not b or not y:  # rank or dims unknown (e.g. after a Reshape to a computed shape)
            unknown.append({"op": node.op_type, "name": node.name or node.output[0]})
            continue
        if node.op_type == "MatMul":
            k = a[-1]
            macs = prod(y) * k
        elif node.op_type == "Gemm":
            trans_a = next((at.i for at in node.attribute if at.name == "transA"), 0)
            k = a[0] if trans_a else a[-1]
            macs = prod(y) * k
        else:  # Conv: weight [c_out, c_in/groups, kh, kw]
            macs = prod(y) * prod(b[1:])
        flops[node.op_type] += 2 * macs
        counted[node.op_type] += 1
    json.dump({"resolved_flops_per_image": sum(flops.values()), "by_op": flops, "resolved_nodes": counted,
               "unresolved": unknown, "onnx": onnx.__version__}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
